#!/usr/bin/env bash
# Soak test (not run in CI): a bounded mixed load against the master for a set time while
# workers crash (SIGKILL) and restart; reports heap, RSS, open file descriptors and failed
# queries at the start and at the end, so leaks and slow degradation show.
#
# Usage: bench/soak.sh [--minutes N] [--port-base P] [--kill-every SECONDS]
#   --minutes      how long the load runs (default 10)
#   --port-base    master port; workers take the next four (default 19080)
#   --kill-every   seconds between worker crashes (default 20)
# Needs: java, curl, wrk, jcmd (installed with apt when missing and running as root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

minutes=10
port_base=19080
kill_every=20
while (($#)); do
  case "$1" in
    --minutes) minutes="${2:?}"; shift 2 ;;
    --port-base) port_base="${2:?}"; shift 2 ;;
    --kill-every) kill_every="${2:?}"; shift 2 ;;
    -h | --help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "soak: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ "$minutes" =~ ^[0-9]+$ && "$port_base" =~ ^[0-9]+$ && "$kill_every" =~ ^[0-9]+$ ]] \
  || { echo "soak: options take whole numbers" >&2; exit 2; }

if ! command -v wrk >/dev/null 2>&1; then
  [[ $(id -u) == 0 ]] || { echo "soak: wrk is missing (apt-get install wrk)" >&2; exit 1; }
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
[[ -f master/target/quarkus-app/quarkus-run.jar && -f worker/target/quarkus-app/quarkus-run.jar ]] \
  || ./mvnw -B -q -DskipTests package

out="target/soak"
mkdir -p "$out"
master_port=$port_base
names=(worker-am-0 worker-am-1 worker-nz-0 worker-nz-1)
groups=(am am nz nz)
master_pid=""
: >"$out/pids"
: >"$out/chaos.log"

start_worker() {
  local i=$1 port=$((port_base + 1 + $1))
  java -Xmx256m -Dquarkus.http.port="$port" \
    -Dmw.group="${groups[$i]}" -Dmw.id="${names[$i]}" -Dmw.heartbeat=1s \
    -Dmw.master-url="http://127.0.0.1:$master_port" -Dmw.advertise-url="http://127.0.0.1:$port" \
    -jar worker/target/quarkus-app/quarkus-run.jar >>"$out/${names[$i]}.log" 2>&1 &
  echo "$i $!" >>"$out/pids"
}

# the newest pid of worker i (the chaos loop runs in a subshell, so pids live in a file)
worker_pid() {
  awk -v i="$1" '$1 == i {p = $2} END {print p}' "$out/pids"
}

cleanup() {
  if [[ -n "${chaos_pid:-}" ]]; then kill "$chaos_pid" 2>/dev/null || true; fi
  local pid
  for pid in $(awk '{print $2}' "$out/pids" 2>/dev/null) $master_pid; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

java -Xmx256m -Dquarkus.http.port="$master_port" -Dmw.lease=3s \
  -Dmw.worker-timeout=1s -jar master/target/quarkus-app/quarkus-run.jar >"$out/master.log" 2>&1 &
master_pid=$!
for i in 0 1 2 3; do start_worker "$i"; done

for _ in $(seq 1 120); do
  # one number, 0 while the master does not answer (a failing curl must not add a second line)
  up=$({ curl -fs "http://127.0.0.1:$master_port/api/groups" 2>/dev/null || true; } \
    | { grep -o '"up":[0-9]*' || true; } | cut -d: -f2 | awk '{s += $1} END {print s + 0}')
  [[ "${up:-0}" -ge 4 ]] && break
  sleep 0.5
done
[[ "${up:-0}" -ge 4 ]] || { echo "soak: the cluster did not come up; see $out/" >&2; exit 1; }

# one line: heap used (MB), RSS (MB), open fds of a pid
figures() {
  local pid=$1 heap rss fds
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap|total/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); printf "%.0f", v/1024; exit}}')
  rss=$(($(ps -o rss= -p "$pid") / 1024))
  fds=$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  echo "${heap:-?} $rss $fds"
}

printf '%s\n' "/api/records?name=alice" "/api/records?name=zen" "/api/records?location=Kansas%20City" \
  "/api/records?location=New%20York%20City&year=2002" "/api/records?name=niko" "/api/records?name=bill" \
  >"$out/paths.txt"

sleep 5
jcmd "$master_pid" GC.run >/dev/null 2>&1 || true
start_figures=$(figures "$master_pid")
echo "soak: running ${minutes} min of load, a worker killed and restarted every ${kill_every} s"

(
  while sleep "$kill_every"; do
    i=$((RANDOM % 4))
    kill -9 "$(worker_pid "$i")" 2>/dev/null || true
    sleep 3
    start_worker "$i"
    echo "$(date +%T) restarted ${names[$i]}" >>"$out/chaos.log"
  done
) &
chaos_pid=$!

wrk -t2 -c16 -d"${minutes}m" --timeout 5s --latency -s bench/paths.lua \
  "http://127.0.0.1:$master_port" -- "$out/paths.txt" >"$out/wrk.txt" 2>&1 || true
kill "$chaos_pid" 2>/dev/null || true

jcmd "$master_pid" GC.run >/dev/null 2>&1 || true
end_figures=$(figures "$master_pid")
requests=$(awk '/requests in/ {print $1}' "$out/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$out/wrk.txt")
errors=$(awk '/Socket errors/ {print}' "$out/wrk.txt")
restarts=$(wc -l <"$out/chaos.log")

read -r h0 r0 f0 <<<"$start_figures"
read -r h1 r1 f1 <<<"$end_figures"
cat <<TABLE | tee "$out/soak.md"
| master | start | end |
|---|---|---|
| heap used after GC (MB) | $h0 | $h1 |
| RSS (MB) | $r0 | $r1 |
| open file descriptors | $f0 | $f1 |

queries: ${requests:-?}, failed (non-2xx): ${non2xx:-0}${errors:+, $errors}; worker crashes and restarts: $restarts; ${minutes} min.
TABLE
