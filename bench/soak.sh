#!/usr/bin/env bash
# Soak test (not run in CI): a bounded mixed load against the master for a set time while
# workers crash (SIGKILL) and restart. Samples the master every --sample-every seconds (heap
# after a GC, RSS, the JVM's own committed memory by Native Memory Tracking, open file
# descriptors, threads, queries answered and failed so far), so a leak shows as a curve that
# keeps rising and a filling pool as one that levels off. NMT (-XX:NativeMemoryTracking=summary,
# a few per cent of overhead) also says where the memory went: target/soak/nmt-diff.txt is its
# summary against the baseline taken as the load starts, by area (Java heap, class, thread,
# code, GC, internal, other...); what RSS holds and NMT does not (malloc arenas, mapped jars) is
# the gap between the two.
#
# Usage: bench/soak.sh [--minutes N] [--port-base P] [--kill-every S] [--sample-every S] [--publish DIR]
#   --minutes       how long the load runs (default 10)
#   --port-base     master port; workers take the next four (default 19080)
#   --kill-every    seconds between worker crashes (default 20)
#   --sample-every  seconds between samples of the master (default 30)
#   --publish       also copy soak.md, samples.csv and soak.png into DIR (e.g. bench/soak)
# Writes target/soak/. Needs: java, curl, wrk, jcmd; gnuplot for the chart (apt, when root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

minutes=10
port_base=19080
kill_every=20
sample_every=30
publish=""
while (($#)); do
  case "$1" in
    --minutes) minutes="${2:?}"; shift 2 ;;
    --port-base) port_base="${2:?}"; shift 2 ;;
    --kill-every) kill_every="${2:?}"; shift 2 ;;
    --sample-every) sample_every="${2:?}"; shift 2 ;;
    --publish) publish="${2:?}"; shift 2 ;;
    -h | --help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "soak: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ "$minutes" =~ ^[0-9]+$ && "$port_base" =~ ^[0-9]+$ && "$kill_every" =~ ^[0-9]+$ \
  && "$sample_every" =~ ^[1-9][0-9]*$ ]] \
  || { echo "soak: options take whole numbers" >&2; exit 2; }

if ! command -v wrk >/dev/null 2>&1; then
  [[ $(id -u) == 0 ]] || { echo "soak: wrk is missing (apt-get install wrk)" >&2; exit 1; }
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
if ! command -v gnuplot >/dev/null 2>&1 && [[ $(id -u) == 0 ]]; then
  apt-get install -y -qq gnuplot-nox >/dev/null 2>&1 || echo "soak: no gnuplot, no chart" >&2
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
  disown "$!" # its SIGKILL is the test, not news for the terminal
}

# the newest pid of worker i (the chaos loop runs in a subshell, so pids live in a file)
worker_pid() {
  awk -v i="$1" '$1 == i {p = $2} END {print p}' "$out/pids"
}

cleanup() {
  local bg
  for bg in "${chaos_pid:-}" "${sampler_pid:-}"; do
    if [[ -n "$bg" ]]; then kill "$bg" 2>/dev/null || true; fi
  done
  local pid
  for pid in $(awk '{print $2}' "$out/pids" 2>/dev/null) $master_pid; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

java -Xmx256m -XX:NativeMemoryTracking=summary -Dquarkus.http.port="$master_port" -Dmw.lease=3s \
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

# the JVM's committed memory (MB) by Native Memory Tracking; empty when it does not answer
nmt_committed() {
  jcmd "$1" VM.native_memory summary 2>/dev/null | awk '/^Total:/ {
    for (i = 1; i <= NF; i++) if ($i ~ /^committed=/) { v = $i; gsub(/[^0-9]/, "", v); printf "%.0f", v / 1024; exit } }'
}

# one line: heap used after a full GC (MB), RSS (MB), NMT committed (MB), open fds, threads of a pid
figures() {
  local pid=$1 heap rss nmt fds threads
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap|total/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); printf "%.0f", v/1024; exit}}')
  rss=$(($(ps -o rss= -p "$pid") / 1024))
  nmt=$(nmt_committed "$pid")
  fds=$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
  echo "${heap:-?} $rss ${nmt:-?} $fds ${threads:-?}"
}

# one line: /api/records answers so far with a 2xx status, and with any other (the master's own count)
answers() {
  { curl -fs "http://127.0.0.1:$master_port/q/metrics" 2>/dev/null || true; } | awk '
    /^http_server_requests_seconds_count\{/ && /uri="\/api\/records"/ {
      n = $NF + 0; if ($0 ~ /status="2[0-9][0-9]"/) ok += n; else failed += n }
    END { printf "%d %d\n", ok, failed }'
}

printf '%s\n' "/api/records?name=alice" "/api/records?name=zen" "/api/records?location=Kansas%20City" \
  "/api/records?location=New%20York%20City&year=2002" "/api/records?name=niko" "/api/records?name=bill" \
  >"$out/paths.txt"

sleep 5
start_figures=$(figures "$master_pid")
jcmd "$master_pid" VM.native_memory baseline >/dev/null 2>&1 || echo "soak: no NMT baseline" >&2
echo "soak: running ${minutes} min of load, a worker killed and restarted every ${kill_every} s," \
  "sampled every ${sample_every} s"
echo "elapsed_s,heap_after_gc_mb,rss_mb,nmt_committed_mb,fds,threads,answered,failed" >"$out/samples.csv"
soak_start=$(date +%s)
(
  while :; do
    read -r h r n f t <<<"$(figures "$master_pid")"
    read -r ok failed <<<"$(answers)"
    echo "$(($(date +%s) - soak_start)),$h,$r,$n,$f,$t,$ok,$failed" >>"$out/samples.csv"
    sleep "$sample_every"
  done
) &
sampler_pid=$!

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
kill "$chaos_pid" "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true

end_figures=$(figures "$master_pid")
jcmd "$master_pid" VM.native_memory summary.diff >"$out/nmt-diff.txt" 2>&1 || true
# the areas whose committed memory grew most since the baseline: "Name +N.N MB, ..."
nmt_growth=$(awk '/^-/ && /committed=[0-9]+KB [+-][0-9]+KB/ {
    name = $0; sub(/^- */, "", name); sub(/ *\(.*/, "", name); gsub(/ /, "_", name)
    match($0, /committed=[0-9]+KB [+-][0-9]+KB/); d = substr($0, RSTART, RLENGTH)
    sub(/.* /, "", d); gsub(/[^0-9+-]/, "", d); printf "%s %+.1f MB\n", name, d / 1024 }' "$out/nmt-diff.txt" \
  | sort -k2 -g -r | head -n 4 | paste -sd, - | sed 's/,/, /g')
read -r ok_end failed_end <<<"$(answers)"
echo "$(($(date +%s) - soak_start)),${end_figures// /,},$ok_end,$failed_end" >>"$out/samples.csv"
requests=$(awk '/requests in/ {print $1}' "$out/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$out/wrk.txt")
errors=$(awk '/Socket errors/ {print}' "$out/wrk.txt")
restarts=$(wc -l <"$out/chaos.log")

read -r h0 r0 n0 f0 t0 <<<"$start_figures"
read -r h1 r1 n1 f1 t1 <<<"$end_figures"
cat <<TABLE | tee "$out/soak.md"
| master | start | end |
|---|---|---|
| heap used after GC (MB) | $h0 | $h1 |
| RSS (MB) | $r0 | $r1 |
| committed by the JVM, NMT (MB) | $n0 | $n1 |
| open file descriptors | $f0 | $f1 |
| threads | $t0 | $t1 |

queries: ${requests:-?}, failed (non-2xx): ${non2xx:-0}${errors:+, $errors}; the master counted $ok_end answered and $failed_end failed; worker crashes and restarts: $restarts; ${minutes} min.
NMT, the areas whose committed memory grew most while the load ran: ${nmt_growth:-none} (all of them: nmt-diff.txt).
TABLE

if command -v gnuplot >/dev/null 2>&1; then
  gnuplot <<PLOT || echo "soak: gnuplot failed, no chart" >&2
set terminal pngcairo size 1100,700 font 'DejaVu Sans,10'
set output '$out/soak.png'
set datafile separator ','
set key autotitle columnhead
set multiplot layout 2,2 title 'master over the soak (${minutes} min, a worker SIGKILLed every ${kill_every} s)'
set xlabel 'minutes'
set title 'heap after GC, RSS and NMT committed (MB)'
plot '$out/samples.csv' using (\$1/60):2 with linespoints title 'heap after GC', '' using (\$1/60):3 with linespoints title 'RSS', '' using (\$1/60):4 with linespoints title 'NMT committed'
set title 'open file descriptors'
plot '$out/samples.csv' using (\$1/60):5 with linespoints title 'fds'
set title 'threads'
plot '$out/samples.csv' using (\$1/60):6 with linespoints title 'threads'
set title 'failed queries so far (master count)'
plot '$out/samples.csv' using (\$1/60):8 with linespoints title 'failed'
unset multiplot
PLOT
fi
if [[ -n "$publish" ]]; then
  mkdir -p "$publish"
  cp "$out/soak.md" "$out/samples.csv" "$out/nmt-diff.txt" "$publish/"
  [[ -f "$out/soak.png" ]] && cp "$out/soak.png" "$publish/"
  echo "soak: published to $publish/"
fi
