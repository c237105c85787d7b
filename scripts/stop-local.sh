#!/usr/bin/env bash
# Stops a cluster started with `scripts/run-local.sh --detach`: SIGTERM to every process listed
# in .run/pids, SIGKILL after MW_STOP_TIMEOUT seconds (default 20).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib/local-cluster.sh
. scripts/lib/local-cluster.sh

STOP_TIMEOUT="${MW_STOP_TIMEOUT:-20}"

if [[ ! -f "$PID_FILE" ]]; then
  echo "Nothing to stop: $PID_FILE does not exist (no detached cluster started from $(pwd))."
  exit 0
fi

pids=()
while read -r pid name port; do
  [[ -n "${pid:-}" ]] || continue
  if is_service_pid "$pid"; then
    echo "Stopping $name (pid $pid, port $port)"
    pids+=("$pid")
  else
    echo "$name (pid $pid) is not running"
  fi
done <"$PID_FILE"

if ((${#pids[@]} > 0)); then
  stop_pids "$STOP_TIMEOUT" "${pids[@]}"
fi
rm -f "$PID_FILE"
echo "Stopped."
