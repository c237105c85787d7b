#!/usr/bin/env bash
# Makes each packaged service's class-data archive (quarkus-app/app-cds.jsa) from a training run:
# a master and a worker start on loopback with -XX:ArchiveClassesAtExit, register, answer every
# kind of query and are stopped gracefully, and each JVM writes the classes it loaded. The build's
# own archive (quarkus.package.jar.appcds) holds only the classes of Quarkus' static init; this one
# also holds the HTTP, JSON, registry and query classes the services load while starting and on
# their first requests, which is where most of a cold start's time goes (bench/README.md).
#
# With --aot it makes the AOT cache of JDK 25 instead (quarkus-app/app.aot, JEP 483/514/515:
# -XX:AOTCacheOutput): the classes loaded and linked, and the method profiles of a hot run, which
# a JVM started with -XX:AOTCache=app.aot compiles from at once. Profiles come from load, so the
# training also starts a worker of group nz and, after the requests of every kind, asks the master
# --load name queries of both groups at 16 connections (wrk, else curl): past C2's thresholds
# (Tier4CompileThreshold 15 000) on the query path.
#
# Usage: scripts/train-cds.sh [--if-stale] [--aot] [--java PATH] [--load N] [--apps DIR] [--logs DIR] [SERVICE...]
#   --if-stale   train only the archives not trained for the current jar and this java (the other
#                service still runs, from its archive, as the trained one's peer)
#   --aot        the AOT cache app.aot (marked by app.aot.trained) instead of app-cds.jsa; needs a
#                java that has -XX:AOTCacheOutput (JDK 25 or newer)
#   --java PATH  the java that trains, and so the one the archive fits (default: $MW_JAVA, else java)
#   --load N     name queries after the requests of every kind, in at most 3 minutes (default:
#                30000 with --aot, else 0)
#   --apps DIR   the services' app directories are DIR/master and DIR/worker (default: each
#                module's target/quarkus-app)
#   --logs DIR   where the training JVMs log (default: .run/train-cds)
#   SERVICE      master or worker: train only these (default both); the other runs as the peer
#
# The training JVMs run with MW_JAVA_OPTS; by default run-local.sh's "-Xmx256m
# -XX:TieredStopAtLevel=1", and with --aot the JVM's own defaults, as the benchmarks run the
# services: C1 alone records no profiles for C2, so an AOT cache should be trained with the
# options it will run with.
#
# An archive only fits the exact JVM build that made it, so it is made where the services run:
# scripts/run-local.sh and bench/run.sh call this with --if-stale after a build, and bench.py with
# --aot for its own copy of the apps. A failed training keeps the previous archives and exits 1;
# the services run without it, only slower to start.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

usage() { sed -n '2,37s/^# \{0,1\}//p' "$0"; }
usage_error() {
  echo "train-cds: $* (see --help)" >&2
  exit 2
}
# absolute: the script works from the repository root
absolute() {
  if [[ "$1" == /* ]]; then echo "$1"; else echo "$PWD/$1"; fi
}

if_stale=0
aot=0
java="${MW_JAVA:-java}"
load_n=""
apps=""
logs=""
MODULES=()
while (($#)); do
  case "$1" in
    --if-stale) if_stale=1 ;;
    --aot) aot=1 ;;
    --java)
      (($# > 1)) || usage_error "--java needs the path of a java"
      java="$2"
      shift
      ;;
    --load)
      [[ $# -gt 1 && "$2" =~ ^[0-9]+$ ]] || usage_error "--load needs a number of queries"
      load_n="$2"
      shift
      ;;
    --apps)
      (($# > 1)) || usage_error "--apps needs a directory"
      apps="$(absolute "$2")"
      shift
      ;;
    --logs)
      (($# > 1)) || usage_error "--logs needs a directory"
      logs="$(absolute "$2")"
      shift
      ;;
    master | worker) [[ " ${MODULES[*]-} " == *" $1 "* ]] || MODULES+=("$1") ;;
    -h | --help) usage; exit 0 ;;
    *) usage_error "unknown option: $1" ;;
  esac
  shift
done
((${#MODULES[@]})) || MODULES=(master worker)
[[ "$java" != */* ]] || java="$(absolute "$java")"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib/local-cluster.sh
. scripts/lib/local-cluster.sh

fail() {
  echo "train-cds: $*" >&2
  exit 1
}

TRAIN_LOG_DIR="${logs:-$RUN_DIR/train-cds}"
command -v "$java" >/dev/null 2>&1 || fail "java not found: $java"
JAVA_ID="$("$java" -version 2>&1 | tr '\n' ' ')"
if ((aot)); then
  flags="$("$java" -XX:+PrintFlagsFinal -version 2>/dev/null || true)"
  [[ "$flags" == *" AOTCacheOutput "* ]] || fail "$java has no AOT cache (-XX:AOTCacheOutput, JDK 25 or newer): $JAVA_ID"
  ARCHIVE=app.aot
  MARKER=app.aot.trained
  WRITE_OPT=-XX:AOTCacheOutput
  USE_OPT=-XX:AOTCache
  read -r -a JAVA_OPTS <<<"${MW_JAVA_OPTS:-}"
  [[ " ${JAVA_OPTS[*]-} " != *" -XX:TieredStopAtLevel="[0-3]" "* ]] ||
    echo "train-cds: warning: MW_JAVA_OPTS stops at C1, so the AOT cache gets no profiles for C2" >&2
else
  ARCHIVE=app-cds.jsa
  MARKER=app-cds.trained
  WRITE_OPT=-XX:ArchiveClassesAtExit
  USE_OPT=-XX:SharedArchiveFile
  read -r -a JAVA_OPTS <<<"${MW_JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1}"
fi
LOAD_N="${load_n:-$((aot ? 30000 : 0))}"

app_dir() {
  if [[ -n "$apps" ]]; then echo "$apps/$1"; else echo "$1/target/quarkus-app"; fi
}

# The marker next to an archive names the java that trained it; a build rewrites the jar, which
# is then newer than the marker.
trained() {
  local dir marker
  dir="$(app_dir "$1")"
  marker="$dir/$MARKER"
  [[ -f "$marker" && -f "$dir/$ARCHIVE" && ! "$dir/quarkus-run.jar" -nt "$marker" ]] &&
    [[ "$(cat "$marker")" == "$JAVA_ID" ]]
}

for module in master worker; do
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
NZ_PORT="$(free_port)"
while [[ "$NZ_PORT" == "$MASTER_PORT" || "$NZ_PORT" == "$WORKER_PORT" ]]; do
  NZ_PORT="$(free_port)"
done
PIDS=()
cleanup() {
  ((${#PIDS[@]} == 0)) || stop_pids 20 "${PIDS[@]}"
  for module in master worker; do
    rm -f "$(app_dir "$module")/$ARCHIVE.training" "$(app_dir "$module")/$ARCHIVE.training.config"
  done
}
trap cleanup EXIT

mkdir -p "$TRAIN_LOG_DIR"
# train MODULE NAME PORT ARCHIVE_OPTION PROPERTY...: the service in its app directory (the archive
# names the jar by the relative path it was launched with, as run-local.sh and the benchmarks
# launch it); one whose archive is up to date runs from it and writes none
train() {
  local module="$1" name="$2" port="$3" archive="$4"
  shift 4
  (cd "$(app_dir "$module")" && exec "$java" ${archive:+"$archive"} ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"} \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" "$@" -jar quarkus-run.jar) \
    >"$TRAIN_LOG_DIR/$name.log" 2>&1 </dev/null &
  PIDS+=("$!")
}
archive_option() {
  if is_stale "$1"; then
    echo "$WRITE_OPT=$ARCHIVE.training"
  elif [[ -f "$(app_dir "$1")/$ARCHIVE" ]]; then
    echo "$USE_OPT=$ARCHIVE"
  fi
}
# train_worker NAME GROUP PORT ARCHIVE_OPTION: a worker of the group, registering at the master
train_worker() {
  train worker "$1" "$3" "$4" -Dmw.group="$2" -Dmw.id="worker-$2-training" \
    -Dmw.master-url="http://127.0.0.1:$MASTER_PORT" -Dmw.advertise-url="http://127.0.0.1:$3" \
    -Dmw.data-file="$(pwd)/data/data-$2.json"
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
what="class-data archive"
services="a master and a worker on ports $MASTER_PORT and $WORKER_PORT"
if ((aot)); then what="AOT cache"; fi
if ((LOAD_N)); then services+=", a worker of group nz on $NZ_PORT, then $LOAD_N name queries"; fi
echo "Training the $what of: ${STALE[*]} with $java ($services; logs in $TRAIN_LOG_DIR/)"
train master master "$MASTER_PORT" "$(archive_option master)" -Dmw.registry.rate-limit=100000
train_worker worker am "$WORKER_PORT" "$(archive_option worker)"
wait_ready "$MASTER_PORT" "${PIDS[0]}" master
wait_ready "$WORKER_PORT" "${PIDS[1]}" worker
if ((LOAD_N)); then
  # the peer the load's n-z names need; it writes no archive (the am worker does)
  train_worker worker-nz nz "$NZ_PORT" ""
  wait_ready "$NZ_PORT" "${PIDS[2]}" worker-nz
fi

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

# load QUERIES: the shipped data's names of both groups, each also with a letter more (found and
# not found), at 16 connections as in the benchmarks; for at most 3 minutes, since a busy machine
# can make a cold cluster slow
load() {
  local queries="$1" asked=0 how start_s=$SECONDS end_s=$((SECONDS + 180)) paths="$TRAIN_LOG_DIR/load-paths"
  sed -n 's/.*"name": *"\([a-z]*\)".*/\1/p' data/data-am.json data/data-nz.json |
    while read -r name; do printf '/api/records?name=%s\n/api/records?name=%sx\n' "$name" "$name"; done >"$paths"
  [[ -s "$paths" ]] || fail "no names found in data/data-am.json and data/data-nz.json"
  answer="$(curl -s --max-time 5 "http://127.0.0.1:$MASTER_PORT$(grep -m1 'name=[n-z][a-z]*$' "$paths")" || true)"
  [[ "$answer" == *'"name":'* ]] || fail "the trained master did not answer a name of group nz: $answer"
  if command -v wrk >/dev/null 2>&1; then
    local result not_ok=0
    while ((asked < queries && SECONDS < end_s)); do
      wrk -t2 -c16 -d5s --timeout 5s -s bench/paths.lua "http://127.0.0.1:$MASTER_PORT" -- "$paths" \
        >"$TRAIN_LOG_DIR/load.log" 2>&1 || fail "the load failed; see $TRAIN_LOG_DIR/load.log"
      result="$(grep '^RESULT ' "$TRAIN_LOG_DIR/load.log")" || fail "wrk printed no result; see $TRAIN_LOG_DIR/load.log"
      [[ "$result" =~ requests=([0-9]+).*status=([0-9]+) ]] || fail "cannot read wrk's result: $result"
      asked=$((asked + BASH_REMATCH[1]))
      not_ok=$((not_ok + BASH_REMATCH[2]))
    done
    how="wrk at 16 connections; $not_ok answered neither 2xx nor 3xx"
  else
    # four connections, each a curl at a time asking the list 50 times over keep-alive
    local urls=() curls=() rounds
    while read -r path; do
      for _ in $(seq 1 50); do
        urls+=("http://127.0.0.1:$MASTER_PORT$path")
      done
    done <"$paths"
    rounds=$(((queries + 4 * ${#urls[@]} - 1) / (4 * ${#urls[@]})))
    for _ in 1 2 3 4; do
      (for _ in $(seq 1 "$rounds"); do
        ((SECONDS < end_s)) || break
        curl -s --max-time 30 "${urls[@]}" >/dev/null || true
      done) &
      curls+=("$!")
    done
    wait "${curls[@]}"
    ((SECONDS >= end_s)) || asked=$((4 * rounds * ${#urls[@]}))
    how="curl at 4 connections"
  fi
  if ((asked < queries)); then
    echo "train-cds: warning: the load stopped after 3 minutes, short of $queries queries: a lukewarm training" >&2
  else
    echo "  load: $asked name queries in $((SECONDS - start_s)) s ($how)"
  fi
}
((LOAD_N == 0)) || load "$LOAD_N"

# the workers first, so that the trained one deregisters from the running master; the master once
# it has (while the worker still writes its archive); each JVM writes its archive on exit, an AOT
# cache in a second JVM it starts and waits for, which takes longer
stop_timeout=$((aot ? 300 : 20))
kill -TERM "${PIDS[@]:1}" 2>/dev/null || true
for _ in $(seq 1 200); do
  kill -0 "${PIDS[1]}" 2>/dev/null || break
  [[ "$(curl -s --max-time 1 "http://127.0.0.1:$MASTER_PORT/api/workers" || true)" == *worker-am-training* ]] || break
  sleep 0.1
done
stop_pids "$stop_timeout" "${PIDS[@]}"
PIDS=()
for module in "${STALE[@]}"; do
  archive="$(app_dir "$module")/$ARCHIVE.training"
  [[ -s "$archive" ]] || fail "the $module wrote no $what; see $TRAIN_LOG_DIR/$module.log"
done
for module in "${STALE[@]}"; do
  mv -f "$(app_dir "$module")/$ARCHIVE.training" "$(app_dir "$module")/$ARCHIVE"
  echo "$JAVA_ID" >"$(app_dir "$module")/$MARKER"
done
echo "Trained the ${what}s (${STALE[*]}) in $(format_ms $(($(now_ms) - start)))."
