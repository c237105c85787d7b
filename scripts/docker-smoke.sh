#!/usr/bin/env bash
# Builds the images of one flavour (jvm or native) and runs the master plus one worker per
# shipped group in Docker, each as user 185 with a read-only root file system and a tmpfs at
# /tmp (as the Helm chart runs them), then queries the master. Needs the packaged services
# (./mvnw package, with -Dnative for native) and a Docker engine.
#
# Usage: scripts/docker-smoke.sh [jvm|native]   (default: jvm)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
flavour="${1:-jvm}"
case "$flavour" in
  jvm | native) ;;
  *) echo "docker-smoke: flavour must be jvm or native, got '$flavour'" >&2; exit 1 ;;
esac
tag="smoke-$flavour"
net="mw-smoke"
token="smoke-token"
fail() {
  echo "docker-smoke: FAIL: $*" >&2
  exit 1
}

docker build -f "master/src/main/docker/Dockerfile.$flavour" -t "mw/master:$tag" .
docker build -f "worker/src/main/docker/Dockerfile.$flavour" -t "mw/worker:$tag" .

cleanup() {
  docker rm -f mw-smoke-master mw-smoke-worker-am mw-smoke-worker-nz >/dev/null 2>&1 || true
  docker network rm "$net" >/dev/null 2>&1 || true
}
if [[ "${MW_SMOKE_KEEP:-}" != 1 ]]; then trap cleanup EXIT; fi
cleanup
docker network create "$net" >/dev/null

hardened=(--read-only --tmpfs /tmp --user 185 --cap-drop ALL --security-opt no-new-privileges --label dev.mw.smoke=1)
docker run -d --name mw-smoke-master --network "$net" "${hardened[@]}" -p 18080:8080 \
  -e MW_TOKEN="$token" "mw/master:$tag" >/dev/null
for group in am nz; do
  docker run -d --name "mw-smoke-worker-$group" --network "$net" "${hardened[@]}" \
    -e MW_GROUP="$group" -e MW_ID="worker-$group-0" -e MW_TOKEN="$token" \
    -e MW_MASTER_URL=http://mw-smoke-master:8080 -e MW_ADVERTISE_URL="http://mw-smoke-worker-$group:8081" \
    "mw/worker:$tag" >/dev/null
done

base=http://127.0.0.1:18080
for _ in $(seq 1 60); do
  if curl -fsS "$base/api/groups" 2>/dev/null | grep -q '"name":"nz","range":"n-z","workers":1,"up":1'; then break; fi
  sleep 1
done
groups="$(curl -fsS "$base/api/groups")" || fail "the master does not answer"
grep -qF '"name":"am","range":"a-m","workers":1,"up":1' <<<"$groups" || fail "worker am did not register: $groups"
grep -qF '"name":"nz","range":"n-z","workers":1,"up":1' <<<"$groups" || fail "worker nz did not register: $groups"

alice="$(curl -fsS "$base/api/records?name=alice")"
grep -qF '{"record_id":2,"name":"alice","location":"New York City","year":2002}' <<<"$alice" || fail "alice: $alice"
kc="$(curl -fsS "$base/api/records?location=Kansas%20City")"
[[ "$(grep -oF '"location":"Kansas City"' <<<"$kc" | wc -l)" -eq 6 ]] || fail "Kansas City: $kc"
echo "docker-smoke: $flavour images answer as user 185 on a read-only root file system"
