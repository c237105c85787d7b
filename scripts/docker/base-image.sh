#!/usr/bin/env bash
# Builds a Java 25 runtime base image for machines that reach no image registry (CI here):
# mmdebstrap lays out Debian bookworm with ca-certificates and curl (curl also makes it the
# `helm test` image of the container run), jlink cuts a Java SE runtime from this machine's
# JDK 25 (Debian 12 packages none) into /opt/java/openjdk, as in Eclipse Temurin's images, and
# `docker import` turns the folder's tarball into an image. The Dockerfiles' default base stays a
# public image (eclipse-temurin:25-jre); this one is passed as --build-arg BASE_IMAGE=...
# (scripts/docker/build-images.sh --local-base).
#
# Usage: scripts/docker/base-image.sh [--force]   prints the image name; reuses it when present
#   MW_JAVA25_HOME   the JDK 25 to cut the runtime from (default: the first /usr/lib/jvm/*25*)
set -euo pipefail

image="${MW_LOCAL_BASE_IMAGE:-mw/base-jre:25-bookworm}"
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

jdk="${MW_JAVA25_HOME:-}"
if [[ -z "$jdk" ]]; then
  for candidate in /usr/lib/jvm/*25*; do
    [[ -x "$candidate/bin/jlink" ]] && { jdk="$candidate"; break; }
  done
fi
[[ -n "$jdk" && -x "$jdk/bin/jlink" ]] ||
  { echo "base-image: no JDK 25 with jlink found (set MW_JAVA25_HOME, or install one in /usr/lib/jvm)" >&2; exit 1; }
"$jdk/bin/java" -version 2>&1 | grep -q 'version "25' ||
  { echo "base-image: $jdk is not a JDK 25: $("$jdk/bin/java" -version 2>&1 | head -1)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "base-image: jlink a Java 25 runtime from $jdk, mmdebstrap bookworm (about a minute)" >&2
# java.se and the JDK modules Quarkus, Netty and JFR reach for; with its own default CDS archive
"$jdk/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.net,jdk.zipfs,jdk.jfr,jdk.crypto.cryptoki \
  --strip-debug --no-man-pages --no-header-files --generate-cds-archive --output "$work/openjdk" >&2
# essential + two packages, without documentation, manual pages or translations
mmdebstrap --variant=essential \
  --include=ca-certificates,curl \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
  --customize-hook="mkdir -p \"\$1\"/opt/java" --customize-hook="copy-in $work/openjdk /opt/java" \
  --customize-hook='chroot "$1" /opt/java/openjdk/bin/java -version' \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
  bookworm "$work/rootfs.tar" >"$work/mmdebstrap.log" 2>&1 || {
  tail -n 40 "$work/mmdebstrap.log" >&2
  echo "base-image: FAIL: mmdebstrap failed (its log above)" >&2
  exit 1
}
docker import \
  --change 'ENV JAVA_HOME=/opt/java/openjdk' \
  --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/sh"]' \
  "$work/rootfs.tar" "$image" >&2
echo "$image"
