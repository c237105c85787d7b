# shellcheck shell=bash
# Helpers shared by run-local.sh and stop-local.sh. Sourced, not run.
# Kept to bash 3.2 (macOS): no associative arrays, no `wait -n`, no mapfile.

# shellcheck disable=SC2034  # used by the scripts that source this file
{
  RUN_DIR=".run"
  LOG_DIR="$RUN_DIR/logs"
  PID_FILE="$RUN_DIR/pids"
}

# Milliseconds since the epoch (second precision where the shell has no EPOCHREALTIME).
now_ms() {
  if [[ -n "${EPOCHREALTIME:-}" ]]; then
    local micros="${EPOCHREALTIME//[!0-9]/}"
    echo $((10#$micros / 1000))
  else
    echo $(($(date +%s) * 1000))
  fi
}

# 7345 -> "7.3 s"
format_ms() {
  printf '%d.%d s' $(($1 / 1000)) $(($1 % 1000 / 100))
}

# True when something listens on (or answers at) 127.0.0.1:PORT.
port_in_use() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    return 0
  fi
  command -v ss >/dev/null 2>&1 && [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
}

# True when pid is alive and runs one of our packaged services (guards against reused pids).
is_service_pid() {
  local args
  kill -0 "$1" 2>/dev/null || return 1
  args="$(ps -p "$1" -o args= 2>/dev/null)" || return 1
  [[ "$args" == *quarkus-run.jar* ]]
}

# stop_pids TIMEOUT_SECONDS PID...: SIGTERM, wait for a graceful exit, SIGKILL what is left.
stop_pids() {
  local timeout_s="$1" pid tenths=0
  shift
  local alive=("$@")
  for pid in "${alive[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  while true; do
    local still=()
    for pid in "${alive[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then
        still+=("$pid")
      fi
    done
    if ((${#still[@]} == 0)); then
      return 0
    fi
    alive=("${still[@]}")
    if ((tenths >= timeout_s * 10)); then
      echo "  still running after ${timeout_s}s, sending SIGKILL to: ${alive[*]}"
      kill -KILL "${alive[@]}" 2>/dev/null || true
      return 0
    fi
    sleep 0.1
    tenths=$((tenths + 1))
  done
}
