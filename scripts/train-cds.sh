#!/usr/bin/env bash
# Makes each packaged service's class-data archive (quarkus-app/app-cds.jsa) from a training run:
# a master and a worker start on loopback with -XX:ArchiveClassesAtExit, register, answer every
# kind of query and are stopped gracefully, and each JVM writes the classes it loaded. The build's
# own archive (quarkus.package.jar.appcds) holds only the classes of Quarkus' static init; this one
# also holds the HTTP, JSON, registry and query classes the services load while starting and on
# their first requests, which is where most of a cold start's time goes (bench/README.md).
#
# Usage: scripts/train-cds.sh [--if-stale]
#   --if-stale   train only the archives not trained for the current jar and this java (the other
#                service still runs, from its archive, as the trained one's peer)
#
# An archive only fits the exact JVM build that made it, so it is made where the services run:
# scripts/run-local.sh and bench/run.sh call this with --if-stale after a build. A failed training
# keeps the previous archives and exits 1; the services run without it, only slower to start.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib/local-cluster.sh
. scripts/lib/local-cluster.sh

if_stale=0
for arg in "$@"; do
  case "$arg" in
    --if-stale) if_stale=1 ;;
    -h | --help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "train-cds: unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done

MODULES=(master worker)
TRAIN_LOG_DIR="$RUN_DIR/train-cds"
JAVA_ID="$(java -version 2>&1 | tr '\n' ' ')"

fail() {
  echo "train-cds: $*" >&2
  exit 1
}

app_dir() { echo "$1/target/quarkus-app"; }

# The marker next to an archive names the java that trained it; a build rewrites the jar, which
# is then newer than the marker.
trained() {
  local dir marker
  dir="$(app_dir "$1")"
  marker="$dir/app-cds.trained"
  [[ -f "$marker" && -f "$dir/app-cds.jsa" && ! "$dir/quarkus-run.jar" -nt "$marker" ]] &&
    [[ "$(cat "$marker")" == "$JAVA_ID" ]]
}

for module in "${MODULES[@]}"; do
  [[ -f "$(app_dir "$module")/quarkus-run.jar" ]] || fail "$(app_dir "$module")/quarkus-run.jar is missing: build first (./mvnw -DskipTests package)"
done
STALE=()
for module in "${MODULES[@]}"; do
  if ((!if_stale)) || ! trained "$module"; then
    STALE+=("$module")
  fi
done
if ((${#STALE[@]} == 0)); then
  exit 0
fi
is_stale() {
  [[ " ${STALE[*]} " == *" $1 "* ]]
}
command -v curl >/dev/null 2>&1 || fail "curl not found"

# below Linux's ephemeral range (32768 up): a port there can be the local end of some client's
# connection, which a listener cannot bind although nothing listens on it
free_port() {
  local port=$((20000 + RANDOM % 12000))
  while port_in_use "$port"; do
    port=$((port + 1))
  done
  echo "$port"
}

MASTER_PORT="$(free_port)"
WORKER_PORT="$(free_port)"
while [[ "$WORKER_PORT" == "$MASTER_PORT" ]]; do
  WORKER_PORT="$(free_port)"
done
PIDS=()
cleanup() {
  ((${#PIDS[@]} == 0)) || stop_pids 20 "${PIDS[@]}"
  for module in "${MODULES[@]}"; do
    rm -f "$(app_dir "$module")/app-cds.jsa.training"
  done
}
trap cleanup EXIT

mkdir -p "$TRAIN_LOG_DIR"
# train MODULE PORT PROPERTY...: the service in its app directory (the archive names the jar by
# the relative path it was launched with, as run-local.sh and the benchmarks launch it); one
# whose archive is up to date runs from it and writes none
train() {
  local module="$1" port="$2" cds=-XX:ArchiveClassesAtExit=app-cds.jsa.training
  shift 2
  is_stale "$module" || cds=-XX:SharedArchiveFile=app-cds.jsa
  # shellcheck disable=SC2086  # the JVM options as run-local.sh passes them
  (cd "$(app_dir "$module")" && exec java "$cds" ${MW_JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1} \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" "$@" -jar quarkus-run.jar) \
    >"$TRAIN_LOG_DIR/$module.log" 2>&1 </dev/null &
  PIDS+=("$!")
}

wait_ready() {
  local port="$1" pid="$2" name="$3" tenths=0
  until curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || fail "the $name exited during training; see $TRAIN_LOG_DIR/$name.log"
    ((tenths++ < 1200)) || fail "the $name was not ready within 120 s; see $TRAIN_LOG_DIR/$name.log"
    sleep 0.1
  done
}

start="$(now_ms)"
echo "Training the class-data archive of: ${STALE[*]} (a master and a worker on ports $MASTER_PORT and $WORKER_PORT; logs in $TRAIN_LOG_DIR/)"
train master "$MASTER_PORT" -Dmw.registry.rate-limit=100000
train worker "$WORKER_PORT" -Dmw.group=am -Dmw.id=worker-am-training -Dmw.master-url="http://127.0.0.1:$MASTER_PORT" \
  -Dmw.advertise-url="http://127.0.0.1:$WORKER_PORT" -Dmw.data-file="$(pwd)/data/data-am.json"
wait_ready "$MASTER_PORT" "${PIDS[0]}" master
wait_ready "$WORKER_PORT" "${PIDS[1]}" worker

# every kind of request a service answers, good and bad, a few times each; one curl per service
# and round, over one connection (a curl per request took most of the training on 2 busy CPUs)
MASTER_PATHS=("/api/records?name=alice" "/api/records?location=Kansas%20City" "/api/records?location=New%20York%20City&year=2002"
  "/api/records?name=Émile" "/api/records?name=%zz"
  "/api/records?name=7of9" "/api/records?year=x" "/api/records" "/api/groups" "/api/workers" "/"
  "/q/health/live" "/q/health/ready" "/q/metrics" "/q/openapi")
WORKER_PATHS=("/api/records?name=alice" "/api/records?location=Kansas%20City&year=2002" "/api/records?year=x" "/api/load"
  "/q/health/ready" "/q/metrics")
MASTER_URLS=()
for path in "${MASTER_PATHS[@]}"; do
  MASTER_URLS+=("http://127.0.0.1:$MASTER_PORT$path")
done
WORKER_URLS=()
for path in "${WORKER_PATHS[@]}"; do
  WORKER_URLS+=("http://127.0.0.1:$WORKER_PORT$path")
done
for _ in 1 2 3; do
  curl -s --max-time 20 "${MASTER_URLS[@]}" >/dev/null || true
  curl -s --max-time 20 "${WORKER_URLS[@]}" >/dev/null || true
done
answer="$(curl -s --max-time 5 "http://127.0.0.1:$MASTER_PORT/api/records?name=alice" || true)"
[[ "$answer" == *'"name":"alice"'* ]] || fail "the trained master did not answer a name query: $answer"

# the worker first, so that it deregisters from the running master; the master once it has
# (while the worker still writes its archive); each JVM writes its archive on exit
kill -TERM "${PIDS[1]}" 2>/dev/null || true
for _ in $(seq 1 200); do
  kill -0 "${PIDS[1]}" 2>/dev/null || break
  [[ "$(curl -s --max-time 1 "http://127.0.0.1:$MASTER_PORT/api/workers" || true)" == *worker-am-training* ]] || break
  sleep 0.1
done
stop_pids 20 "${PIDS[@]}"
PIDS=()
for module in "${STALE[@]}"; do
  archive="$(app_dir "$module")/app-cds.jsa.training"
  [[ -s "$archive" ]] || fail "the $module wrote no archive; see $TRAIN_LOG_DIR/$module.log"
done
for module in "${STALE[@]}"; do
  mv -f "$(app_dir "$module")/app-cds.jsa.training" "$(app_dir "$module")/app-cds.jsa"
  echo "$JAVA_ID" >"$(app_dir "$module")/app-cds.trained"
done
echo "Trained the class-data archives (${STALE[*]}) in $(format_ms $(($(now_ms) - start)))."
