#!/usr/bin/env bash
# Makes sure a Docker engine answers `docker info`: uses the one that runs, else installs Debian's
# docker.io when dockerd is missing (as root, CI) and starts dockerd in the background. A pid file
# left by an engine that was ended (dockerd refuses to start while /var/run/docker.pid exists)
# is removed when no dockerd has that pid (a pid may since belong to another program). Fails
# with the reason and dockerd's log when the engine does not come up; never skips.
#
# Usage: scripts/docker/engine-up.sh        (idempotent: a second call returns at once)
set -euo pipefail

log="${MW_DOCKERD_LOG:-/tmp/mw-dockerd.log}"
pidfile=/var/run/docker.pid

fail() {
  echo "engine-up: FAIL: $*" >&2
  exit 1
}

if docker info >/dev/null 2>&1; then
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  [[ "$(id -u)" == 0 ]] || fail "no Docker engine answers and dockerd is not installed (install Docker, or run as root to install Debian's docker.io)"
  echo "engine-up: installing Debian's docker.io"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi
command -v docker >/dev/null 2>&1 || fail "dockerd is installed but the docker client is not"

[[ "$(id -u)" == 0 ]] || fail "no Docker engine answers; start one (this script starts dockerd only as root)"
dockerd_pid() {
  local pid
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ -n "$pid" && "$(cat "/proc/$pid/comm" 2>/dev/null)" == dockerd ]] && echo "$pid"
}
if [[ -f "$pidfile" ]] && [[ -z "$(dockerd_pid)" ]]; then
  echo "engine-up: removing the stale $pidfile (no dockerd has pid '$(cat "$pidfile" 2>/dev/null)')"
  rm -f "$pidfile"
fi
if [[ -n "$(dockerd_pid)" ]]; then
  echo "engine-up: dockerd (pid $(dockerd_pid)) runs but does not answer yet; waiting"
else
  echo "engine-up: starting dockerd (log: $log)"
  nohup dockerd >"$log" 2>&1 </dev/null &
fi

for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "engine-up: Docker engine $(docker version --format '{{.Server.Version}}') answers"
    exit 0
  fi
  sleep 1
done
tail -n 30 "$log" >&2 || true
fail "dockerd did not answer within 60 s (log above: $log)"
