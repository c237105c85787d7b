#!/usr/bin/env bash
# Builds a Java 17 runtime base image from Debian's packages, for machines that reach no image
# registry (CI here): mmdebstrap lays out bookworm with openjdk-17-jre-headless, ca-certificates
# and curl (curl also makes it the `helm test` image of the container run), and `docker import`
# turns the folder's tarball into an image. The Dockerfiles' default base stays a public image;
# this one is passed as --build-arg BASE_IMAGE=... (scripts/docker/build-images.sh --local-base).
#
# Usage: scripts/docker/base-image.sh [--force]   prints the image name; reuses it when present
set -euo pipefail

image="${MW_LOCAL_BASE_IMAGE:-mw/base-jre:17-bookworm}"
force=0
[[ "${1:-}" == --force ]] && force=1

if [[ "$force" == 0 ]] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "$image"
  exit 0
fi

if ! command -v mmdebstrap >/dev/null 2>&1; then
  [[ "$(id -u)" == 0 ]] || { echo "base-image: mmdebstrap is missing (apt-get install mmdebstrap)" >&2; exit 1; }
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "base-image: mmdebstrap bookworm with openjdk-17-jre-headless (about a minute)" >&2
# essential + the three packages, without documentation, manual pages or translations
mmdebstrap --variant=essential \
  --include=openjdk-17-jre-headless,ca-certificates,curl \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
  --customize-hook='test -s "$1"/etc/ssl/certs/java/cacerts' \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
  bookworm "$work/rootfs.tar" >"$work/mmdebstrap.log" 2>&1 || {
  tail -n 40 "$work/mmdebstrap.log" >&2
  echo "base-image: FAIL: mmdebstrap failed (its log above)" >&2
  exit 1
}
docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/sh"]' \
  "$work/rootfs.tar" "$image" >&2
echo "$image"
