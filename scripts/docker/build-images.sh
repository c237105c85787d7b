#!/usr/bin/env bash
# Builds the JVM images mw/master:TAG and mw/worker:TAG from the packaged services
# (./mvnw package -pl master,worker -am first). --local-base builds them on the Debian-built
# base (scripts/docker/base-image.sh) for machines that reach no registry, --base IMAGE on any
# other; without either the Dockerfiles' public default base is pulled.
#
# Usage: scripts/docker/build-images.sh [--local-base | --base IMAGE] [--tag TAG]   (default tag: 0.1.0)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

tag=0.1.0
base_args=()
while (($#)); do
  case "$1" in
    --local-base) base_args=(--build-arg "BASE_IMAGE=$(scripts/docker/base-image.sh)") ;;
    --base) base_args=(--build-arg "BASE_IMAGE=${2:?--base needs an image}"); shift ;;
    --tag) tag="${2:?--tag needs a value}"; shift ;;
    *) echo "build-images: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done

for service in master worker; do
  [[ -f "$service/target/quarkus-app/quarkus-run.jar" ]] ||
    { echo "build-images: $service is not packaged (./mvnw -B package -DskipTests -pl master,worker -am)" >&2; exit 1; }
  docker build -q ${base_args[@]+"${base_args[@]}"} -f "$service/src/main/docker/Dockerfile.jvm" -t "mw/$service:$tag" . >/dev/null
  echo "build-images: mw/$service:$tag ($(docker image inspect --format '{{.Size}}' "mw/$service:$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
done
