#!/usr/bin/env bash
# Stops a cluster started with `scripts/run-local.sh --detach`: SIGTERM to every process listed
# in .run/pids, the workers first and the master once they have exited (so each worker
# deregisters quietly); SIGKILL after MW_STOP_TIMEOUT seconds (default 20).
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

stop_cluster "$STOP_TIMEOUT"
rm -f "$PID_FILE"
echo "Stopped."
