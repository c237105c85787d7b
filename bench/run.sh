#!/usr/bin/env bash
# Benchmarks of the master-worker system: router overhead against a direct call and HAProxy,
# parallel scatter, balancer quality, data scale and start-up, all on this machine over loopback.
#
# Usage: bench/run.sh [--duration SECONDS] [--rounds N] [--scenarios 1,2,3,4,5,6,7] [--variants LIST]
#                     [--smoke] [--out DIR]
#   --duration S   length of each measured run (default 20; a warm-up precedes the first)
#   --rounds N     scenarios 1 and 2 measure their paths in N interleaved rounds, scenario 4
#                  starts each worker N times for its load time (default 3, smoke 1)
#   --scenarios L  comma-separated subset of 1..7 (default all):
#                  1 router overhead, 2 scatter, 3 balancers, 4 data scale, 5 start-up,
#                  6 a replica frozen (SIGSTOP) under load, 7 a restarted master's first seconds
#   --variants L   scenario 7's masters, comma-separated (default all): baseline, warmup-3s, jdk25,
#                  jdk25-aot, jdk25-aot-warmup-3s, c1-only, compile-sooner; the JDK 25 ones need
#                  MW_JAVA25 or a JDK 25 in /usr/lib/jvm/, and are skipped without one
#   --smoke        every scenario for ~1 s with tiny data (CI): fails only if something broke,
#                  never on a missed performance target; writes to target/bench-smoke/
#   --out DIR      where RESULTS.md, results.png, cold-start.png and results.json go (default bench/)
#
# Needs the packaged services (built here with ./mvnw -DskipTests package if missing), Java 17+,
# python3, wrk, haproxy and gnuplot (installed with apt-get when missing and possible).
# Generated data files are cached in target/bench-data/. Logs: <out>/work/logs/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() { sed -n '2,21s/^# \{0,1\}//p' "$0"; }
fail() { echo "bench: $*" >&2; exit 2; }

duration=20
rounds=""
scenarios=1,2,3,4,5,6,7
variants=""
smoke=0
out=""
while (($#)); do
  case "$1" in
    --duration) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ && "$2" -ge 1 ]] || fail "--duration needs a number of seconds ≥ 1"
                duration=$2; shift 2 ;;
    --duration=*) duration=${1#*=}; [[ "$duration" =~ ^[0-9]+$ && "$duration" -ge 1 ]] || fail "bad --duration"; shift ;;
    --rounds) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ && "$2" -ge 1 ]] || fail "--rounds needs a number ≥ 1"
              rounds=$2; shift 2 ;;
    --rounds=*) rounds=${1#*=}; [[ "$rounds" =~ ^[0-9]+$ && "$rounds" -ge 1 ]] || fail "bad --rounds"; shift ;;
    --scenarios) [[ $# -ge 2 ]] || fail "--scenarios needs a list like 1,3"; scenarios=$2; shift 2 ;;
    --scenarios=*) scenarios=${1#*=}; shift ;;
    --variants) [[ $# -ge 2 ]] || fail "--variants needs a list like baseline,jdk25-aot"; variants=$2; shift 2 ;;
    --variants=*) variants=${1#*=}; shift ;;
    --smoke) smoke=1; shift ;;
    --out) [[ $# -ge 2 ]] || fail "--out needs a directory"; out=$2; shift 2 ;;
    --out=*) out=${1#*=}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) fail "unknown option: $1 (see --help)" ;;
  esac
done
[[ "$scenarios" =~ ^[1-7](,[1-7])*$ ]] || fail "--scenarios: expected a comma-separated list of 1..7, got '$scenarios'"
if [[ -z "$out" ]]; then
  if ((smoke)); then out=target/bench-smoke; else out=bench; fi
fi
mkdir -p "$out"

# --- tools (idempotent; CI starts from a fresh machine) ----------------------------------------
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
command -v gnuplot >/dev/null 2>&1 || need+=(gnuplot-nox)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v curl >/dev/null 2>&1 || need+=(curl)
if ((${#need[@]})); then
  echo "bench: installing ${need[*]}"
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  command -v apt-get >/dev/null 2>&1 || fail "missing ${need[*]} and no apt-get to install them"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v java >/dev/null 2>&1 || fail "java not found: install a JDK 17 or newer"
command -v jcmd >/dev/null 2>&1 || fail "jcmd not found: scenario 4 needs a full JDK, not a JRE"

# --- packaged services -------------------------------------------------------------------------
if [[ ! -f master/target/quarkus-app/quarkus-run.jar || ! -f worker/target/quarkus-app/quarkus-run.jar ]]; then
  echo "bench: packaged services missing, building them"
  ./mvnw -B -ntp -q -DskipTests package -pl master,worker -am
fi
# the class-data archives every service starts with, trained on this machine's java
scripts/train-cds.sh --if-stale || fail "training the class-data archives failed (scripts/train-cds.sh)"

# --- run; whatever happens, nothing we started outlives us ------------------------------------
pidfile="$out/work/pids"
cleanup() {
  local pid
  if [[ -f "$pidfile" ]]; then
    while read -r pid; do
      if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM -- "-$pid" 2>/dev/null || true; fi
    done <"$pidfile"
    sleep 1
    while read -r pid; do
      if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
    done <"$pidfile"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

args=(--duration "$duration" --scenarios "$scenarios" --out "$out")
[[ -n "$rounds" ]] && args+=(--rounds "$rounds")
[[ -n "$variants" ]] && args+=(--variants "$variants")
((smoke)) && args+=(--smoke)
start=$SECONDS
python3 bench/bench.py "${args[@]}"
echo "bench: done in $((SECONDS - start)) s; results in $out/RESULTS.md and its charts"
