#!/usr/bin/env bash
# Starts the whole master-worker system on this machine, no Docker, no Kubernetes: the master
# and two replicas of each group (am, nz) serving the shipped data, as plain JVM processes.
#
# Usage: scripts/run-local.sh [--build] [--detach]
#        scripts/run-local.sh --restart NAME
#   --build    rebuild the packaged services even if they look up to date
#   --detach   start, wait until ready, print the URLs and exit; stop with scripts/stop-local.sh
#   --restart NAME  start one service of the running cluster again (e.g. worker-am-1 after it
#              died), stopping it first if it still runs: same port, id and settings; waits
#              until it is ready
#
# Environment:
#   MW_PORT_BASE      master port; the workers take the next four ports (default 8080)
#   MW_JAVA_OPTS      JVM options for every service (default "-Xmx256m -XX:TieredStopAtLevel=1")
#   MW_READY_TIMEOUT  seconds to wait until every service is ready (default 120)
#   MW_STOP_TIMEOUT   seconds between SIGTERM and SIGKILL when stopping (default 20)
#   MW_ACCESS_LOG     true: every service writes an access-log line per request, with its request
#                     id (rid=...), to its log (-Dquarkus.http.access-log.enabled=true); default
#                     false, the services' own default (it costs throughput)
#   MW_WARMUP         the master's warm-up before it turns ready (-Dmw.warmup): off or a duration
#                     such as 2s; default: the master's own (off). The default MW_JAVA_OPTS stop
#                     the JIT at C1, so measure a warm-up with MW_JAVA_OPTS=-Xmx256m
# Other MW_* variables reach the services as configuration, e.g. MW_BALANCER=round-robin.
#
# Logs: .run/logs/<name>.log; pids of the running services: .run/pids.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib/local-cluster.sh
. scripts/lib/local-cluster.sh

usage() {
  sed -n '2,26s/^# \{0,1\}//p' "$0"
}

fail() {
  echo "run-local: $*" >&2
  exit 1
}

is_uint() {
  [[ "$1" =~ ^[0-9]+$ ]]
}

force_build=0
detach=0
restart=""
while (($# > 0)); do
  case "$1" in
    --build) force_build=1 ;;
    --detach) detach=1 ;;
    --restart)
      (($# > 1)) || fail "--restart needs the name of a service, e.g. --restart worker-am-1"
      restart="$2"
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) fail "unknown option: $1 (see --help)" ;;
  esac
  shift
done
if [[ -n "$restart" ]] && ((force_build || detach)); then
  fail "--restart takes no other option"
fi
ENV_FILE="$RUN_DIR/env"
if [[ -n "$restart" ]]; then
  [[ -f "$PID_FILE" && -f "$ENV_FILE" ]] || fail "no local cluster to restart $restart in: $PID_FILE or $ENV_FILE is missing (start one with scripts/run-local.sh --detach)"
  # the settings the cluster was started with, not this shell's
  while read -r var; do
    unset "$var"
  done < <(compgen -e | grep '^MW_' || true)
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  master_line="$(grep ' master ' "$PID_FILE" || true)"
  [[ -n "$master_line" ]] || fail "$PID_FILE lists no master"
  MW_PORT_BASE="${master_line##* }"
fi

PORT_BASE="${MW_PORT_BASE:-8080}"
READY_TIMEOUT="${MW_READY_TIMEOUT:-120}"
STOP_TIMEOUT="${MW_STOP_TIMEOUT:-20}"
read -r -a JAVA_OPTS <<<"${MW_JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1}"
if ! is_uint "$PORT_BASE" || ((PORT_BASE < 1 || PORT_BASE > 65531)); then
  fail "MW_PORT_BASE must be a port number from 1 to 65531, got '$PORT_BASE'"
fi
is_uint "$READY_TIMEOUT" || fail "MW_READY_TIMEOUT must be a number of seconds, got '$READY_TIMEOUT'"
is_uint "$STOP_TIMEOUT" || fail "MW_STOP_TIMEOUT must be a number of seconds, got '$STOP_TIMEOUT'"
# the services' own switch, on every service; off by default (nothing passed: their default)
SERVICE_OPTS=()
case "${MW_ACCESS_LOG:-false}" in
  true) SERVICE_OPTS=(-Dquarkus.http.access-log.enabled=true) ;;
  false) ;;
  *) fail "MW_ACCESS_LOG must be true or false, got '$MW_ACCESS_LOG'" ;;
esac
# the master's own key; it checks the value too, this only fails before anything starts
MASTER_OPTS=()
if [[ -n "${MW_WARMUP:-}" ]]; then
  [[ "$MW_WARMUP" =~ ^(off|[0-9]+(\.[0-9]+)?(ms|s|m))$ ]] || fail "MW_WARMUP must be off or a duration such as 2s or 500ms, got '$MW_WARMUP'"
  MASTER_OPTS=(-Dmw.warmup="$MW_WARMUP")
fi
command -v java >/dev/null 2>&1 || fail "java not found: install a JDK 17 or newer"
command -v curl >/dev/null 2>&1 || fail "curl not found: it is used to wait for the services"

MASTER_JAR="master/target/quarkus-app/quarkus-run.jar"
WORKER_JAR="worker/target/quarkus-app/quarkus-run.jar"
MASTER_PORT="$PORT_BASE"
MASTER_URL="http://127.0.0.1:$MASTER_PORT"

# The services, in start order; parallel arrays (bash 3.2 has no associative arrays).
NAMES=(master worker-am-0 worker-am-1 worker-nz-0 worker-nz-1)
GROUPS_OF=("" am am nz nz)
PORTS=()
for i in "${!NAMES[@]}"; do
  PORTS+=($((PORT_BASE + i)))
done

# start_service INDEX [>>]: one service in the background, detached from this shell (no job
# notice when it dies), output to its log (appended with >>); records its pid in PIDS and the pid file.
start_service() {
  local i="$1" append="${2:-}" jar="$WORKER_JAR" args=()
  if [[ "${NAMES[i]}" == master ]]; then
    jar="$MASTER_JAR"
    args=(${MASTER_OPTS[@]+"${MASTER_OPTS[@]}"})
  else
    args=(-Dmw.group="${GROUPS_OF[i]}" -Dmw.id="${NAMES[i]}" -Dmw.master-url="$MASTER_URL"
      -Dmw.advertise-url="http://127.0.0.1:${PORTS[i]}" -Dmw.data-file="$(pwd)/data/data-${GROUPS_OF[i]}.json")
  fi
  local app_dir cds=() log="$LOG_DIR/${NAMES[i]}.log"
  app_dir="$(dirname "$jar")"
  # the class-data archive names the jar by a relative path: run from the app directory
  [[ -f "$app_dir/app-cds.jsa" ]] && cds=(-XX:SharedArchiveFile=app-cds.jsa)
  [[ -n "$append" ]] || : >"$log"
  # nohup: a detached cluster survives the terminal closing
  (cd "$app_dir" && exec nohup java ${cds[@]+"${cds[@]}"} ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"} \
    ${SERVICE_OPTS[@]+"${SERVICE_OPTS[@]}"} -Dquarkus.http.port="${PORTS[i]}" ${args[@]+"${args[@]}"} \
    -jar quarkus-run.jar) >>"$log" 2>&1 </dev/null &
  PIDS[i]="$!"
  disown "$!" 2>/dev/null || true
  set_pid "${NAMES[i]}" "${PORTS[i]}" "${PIDS[i]}"
}

print_tail() {
  echo "---- last lines of $LOG_DIR/$1.log ----"
  tail -n 30 "$LOG_DIR/$1.log" || true
  echo "----"
}

# --- restart one service ----------------------------------------------------------------------

if [[ -n "$restart" ]]; then
  index=""
  for i in "${!NAMES[@]}"; do
    if [[ "${NAMES[i]}" == "$restart" ]]; then
      index="$i"
    fi
  done
  [[ -n "$index" ]] || fail "unknown service '$restart'; the services are: ${NAMES[*]}"
  old_pid="$(pid_of "$restart")"
  if [[ -n "$old_pid" ]] && is_service_pid "$old_pid"; then
    echo "Stopping $restart (pid $old_pid)"
    stop_pids "$STOP_TIMEOUT" "$old_pid"
  fi
  if port_in_use "${PORTS[index]}"; then
    fail "port ${PORTS[index]} (for $restart) is in use by another process"
  fi
  echo "Starting $restart on ${PORTS[index]}; log in $LOG_DIR/$restart.log"
  echo "### restarted by run-local.sh --restart at $(date -u '+%Y-%m-%dT%H:%M:%SZ')" >>"$LOG_DIR/$restart.log"
  launch="$(now_ms)"
  start_service "$index" ">>"
  until curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:${PORTS[index]}/q/health/ready"; do
    if ! kill -0 "${PIDS[index]}" 2>/dev/null; then
      print_tail "$restart" >&2
      fail "$restart exited before it was ready"
    fi
    if (($(now_ms) - launch > READY_TIMEOUT * 1000)); then
      print_tail "$restart" >&2
      fail "$restart not ready after ${READY_TIMEOUT}s (pid ${PIDS[index]} left running)"
    fi
    sleep 0.3
  done
  echo "$restart ready after $(format_ms $(($(now_ms) - launch))) (pid ${PIDS[index]})."
  exit 0
fi

# --- build ------------------------------------------------------------------------------------

# Prints "MODULE REASON" for each service that needs a build (a missing jar, or a pom or main
# source of it or of common newer than its jar); nothing if both are up to date.
build_reasons() {
  local module jar newer inputs dir
  for module in master worker; do
    jar="$module/target/quarkus-app/quarkus-run.jar"
    if [[ ! -f "$jar" ]]; then
      echo "$module $jar is missing"
      continue
    fi
    inputs=(pom.xml "$module/pom.xml" common/pom.xml)
    for dir in "$module/src/main" common/src/main; do
      [[ -d "$dir" ]] && inputs+=("$dir")
    done
    newer="$(find "${inputs[@]}" -type f -newer "$jar" -print -quit 2>/dev/null || true)"
    if [[ -n "$newer" ]]; then
      echo "$module $newer is newer than $jar"
    fi
  done
}

reasons="$(build_reasons)"
if ((force_build)); then
  reasons="master --build"$'\n'"worker --build"
fi
if [[ -n "$reasons" ]]; then
  # only the services that changed: the other keeps its jar, and so its trained archive. No
  # tests compiled, and no build-time class-data archive (the training below makes a better one).
  modules="$(cut -d' ' -f1 <<<"$reasons" | paste -sd, -)"
  build=(./mvnw -B -q -pl "$modules" -am package -Dmaven.test.skip=true -Dquarkus.package.jar.appcds.enabled=false)
  echo "Building $modules ($(head -n1 <<<"$reasons" | cut -d' ' -f2-)): ${build[*]}"
  build_start="$(now_ms)"
  "${build[@]}" || fail "the build failed; see the Maven output above"
  echo "Built in $(format_ms $(($(now_ms) - build_start)))."
fi
# Class-data archives from a training run start the services about a quarter faster; made once
# per build and java. Without them the services still run, only slower to start.
if ! scripts/train-cds.sh --if-stale; then
  echo "run-local: training the class-data archives failed (see above); starting without the trained archives" >&2
fi

# --- preflight --------------------------------------------------------------------------------

if [[ -f "$PID_FILE" ]]; then
  while read -r pid name _; do
    if [[ -n "${pid:-}" ]] && is_service_pid "$pid"; then
      fail "a local cluster is already running ($name has pid $pid, see $PID_FILE); stop it with scripts/stop-local.sh"
    fi
  done <"$PID_FILE"
  rm -f "$PID_FILE"
fi

taken=0
for i in "${!NAMES[@]}"; do
  if port_in_use "${PORTS[i]}"; then
    echo "run-local: port ${PORTS[i]} (for ${NAMES[i]}) is already in use" >&2
    taken=1
  fi
done
if ((taken)); then
  fail "free the port(s) above or choose others, e.g. MW_PORT_BASE=18080 scripts/run-local.sh"
fi

# --- start ------------------------------------------------------------------------------------

PIDS=()
detached=0

cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  if ((!detached && ${#PIDS[@]} > 0)); then
    echo
    echo "Stopping the workers, then the master (SIGTERM, SIGKILL after ${STOP_TIMEOUT}s)..."
    stop_cluster "$STOP_TIMEOUT"
    rm -f "$PID_FILE"
    echo "Stopped."
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

mkdir -p "$LOG_DIR"
: >"$PID_FILE"
# the MW_* settings, for --restart (may hold MW_TOKEN: readable by this user only)
(umask 077 && export -p | grep '^declare -x MW_' >"$ENV_FILE") || true
echo "Starting master on $MASTER_PORT and workers on $((PORT_BASE + 1))-$((PORT_BASE + 4)); logs in $LOG_DIR/"
launch="$(now_ms)"
# All at once: workers retry registration until the master is up.
for i in "${!NAMES[@]}"; do
  start_service "$i"
done

# --- wait until ready -------------------------------------------------------------------------

READY=()
for i in "${!NAMES[@]}"; do
  READY+=(0)
done
echo "Waiting for all ${#NAMES[@]} services to be ready (up to ${READY_TIMEOUT}s)..."
last_note="$launch"
while true; do
  waiting=()
  for i in "${!NAMES[@]}"; do
    if ((READY[i])); then
      continue
    fi
    if ! kill -0 "${PIDS[i]}" 2>/dev/null; then
      echo "${NAMES[i]} exited before it was ready." >&2
      print_tail "${NAMES[i]}" >&2
      fail "stopping everything"
    fi
    if curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:${PORTS[i]}/q/health/ready"; then
      READY[i]=1
      printf '  %-12s ready after %s\n' "${NAMES[i]}" "$(format_ms $(($(now_ms) - launch)))"
    else
      waiting+=("${NAMES[i]}")
    fi
  done
  if ((${#waiting[@]} == 0)); then
    break
  fi
  now="$(now_ms)"
  if ((now - launch > READY_TIMEOUT * 1000)); then
    for name in "${waiting[@]}"; do
      print_tail "$name" >&2
    done
    fail "not ready after ${READY_TIMEOUT}s: ${waiting[*]}; stopping everything"
  fi
  if ((now - last_note >= 10000)); then
    echo "  ...still waiting for: ${waiting[*]} ($(format_ms $((now - launch))))"
    last_note="$now"
  fi
  sleep 0.3
done
ready_ms=$(($(now_ms) - launch))

# --- report -----------------------------------------------------------------------------------

HOST_URL="http://localhost:$MASTER_PORT"
echo
echo "All ${#NAMES[@]} services ready in $(format_ms "$ready_ms") (launch to ready)."
echo
answers_200() {
  [[ "$(curl -sL -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" == 200 ]]
}
if answers_200 "$HOST_URL/"; then
  echo "  Dashboard:  $HOST_URL/"
fi
echo "  Records:    $HOST_URL/api/records"
echo "  Workers:    $HOST_URL/api/workers"
echo "  Groups:     $HOST_URL/api/groups"
echo "  OpenAPI:    $HOST_URL/q/openapi"
if answers_200 "$HOST_URL/q/swagger-ui/"; then
  echo "  Swagger UI: $HOST_URL/q/swagger-ui/"
fi
echo "  Metrics:    $HOST_URL/q/metrics"
for i in "${!NAMES[@]}"; do
  if [[ "${NAMES[i]}" != master ]]; then
    printf '  %-11s http://localhost:%s (group %s)\n' "${NAMES[i]}" "${PORTS[i]}" "${GROUPS_OF[i]}"
  fi
done
echo
echo "Try:"
echo "  curl '$HOST_URL/api/records?name=alice'"
echo "  curl '$HOST_URL/api/records?location=Kansas%20City'"
echo "  curl '$HOST_URL/api/records?location=New%20York%20City&year=2002'"
echo

if ((detach)); then
  detached=1
  echo "Running in the background (pids in $PID_FILE). Stop with: scripts/stop-local.sh"
  exit 0
fi

# --- run until Ctrl-C -------------------------------------------------------------------------

echo "Press Ctrl-C to stop."
REPORTED=()
for i in "${!NAMES[@]}"; do
  REPORTED+=(0)
done
while true; do
  running=0
  for i in "${!NAMES[@]}"; do
    pid="$(pid_of "${NAMES[i]}")"
    if [[ -n "$pid" && "$pid" != "${PIDS[i]}" ]]; then
      PIDS[i]="$pid"
      REPORTED[i]=0
      echo "${NAMES[i]} was restarted (pid $pid)."
    fi
    if kill -0 "${PIDS[i]}" 2>/dev/null; then
      running=$((running + 1))
    elif ((!REPORTED[i])); then
      REPORTED[i]=1
      echo "${NAMES[i]} exited; the others keep running. Start it again with: scripts/run-local.sh --restart ${NAMES[i]}" >&2
      print_tail "${NAMES[i]}" >&2
    fi
  done
  if ((running == 0)); then
    fail "every service has exited"
  fi
  # a background sleep, so that Ctrl-C and SIGTERM interrupt the wait at once
  sleep 1 &
  wait $! || true
done
