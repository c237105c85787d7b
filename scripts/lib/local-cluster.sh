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

# The pid file holds one line per service: "PID NAME PORT", the master first.

# pid_of NAME: the pid the pid file lists for NAME (nothing when it lists none).
pid_of() {
  local pid name _
  [[ -f "$PID_FILE" ]] || return 0
  while read -r pid name _; do
    if [[ "$name" == "$1" ]]; then
      echo "$pid"
      return 0
    fi
  done <"$PID_FILE"
}

# set_pid NAME PORT PID: records PID as NAME's, in NAME's line (appended when there is none).
set_pid() {
  local pid name port found=0 lines=()
  if [[ -f "$PID_FILE" ]]; then
    while read -r pid name port; do
      [[ -n "${pid:-}" ]] || continue
      if [[ "$name" == "$1" ]]; then
        lines+=("$3 $1 $2")
        found=1
      else
        lines+=("$pid $name $port")
      fi
    done <"$PID_FILE"
  fi
  ((found)) || lines+=("$3 $1 $2")
  printf '%s\n' "${lines[@]}" >"$PID_FILE.new"
  mv -f "$PID_FILE.new" "$PID_FILE"
}

# stop_cluster TIMEOUT_SECONDS: stops every running service the pid file lists, the workers
# first and the master once they have exited, so that each worker deregisters from a master
# that still answers.
stop_cluster() {
  local timeout_s="$1" pid name port workers=() master=() master_line=""
  [[ -f "$PID_FILE" ]] || return 0
  while read -r pid name port; do
    [[ -n "${pid:-}" ]] || continue
    if ! is_service_pid "$pid"; then
      echo "$name (pid $pid) is not running"
    elif [[ "$name" == master ]]; then
      master+=("$pid")
      master_line="Stopping $name (pid $pid, port $port)"
    else
      echo "Stopping $name (pid $pid, port $port)"
      workers+=("$pid")
    fi
  done <"$PID_FILE"
  if ((${#workers[@]} > 0)); then
    stop_pids "$timeout_s" "${workers[@]}"
  fi
  if ((${#master[@]} > 0)); then
    echo "$master_line"
    stop_pids "$timeout_s" "${master[@]}"
  fi
}
