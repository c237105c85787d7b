#!/usr/bin/env python3
"""Writes RESULTS.md, results.png and cold-start.png from a bench results.json.

  bench/report.py DIR      # reads DIR/results.json, writes DIR/RESULTS.md and the charts there
"""
import json
import os
import shutil
import subprocess
import sys


def f(x, digits=2):
    return "–" if x is None else f"{x:.{digits}f}"


def ms(x):
    return "–" if x is None else (f"{x:.3f}" if x < 1 else f"{x:.2f}")


def rps(r):
    """req/s of the median round, with the spread over the rounds when there were several."""
    rounds = [x["rps"] for x in r.get("rounds", [])]
    spread = f" ({min(rounds):.0f}–{max(rounds):.0f})" if len(rounds) > 1 else ""
    return f"{r['rps']:.0f}{spread}"


def rounds_note(meta):
    n = meta.get("rounds", 1)
    return "" if n <= 1 else (f" Every path was measured in {n} rounds, interleaved with the other paths "
                              "(A B C, A B C, …), so a drift of the machine's speed affects them alike; "
                              "the figures are the median round's, req/s with the range over the rounds.")


def rounds_of(meta):
    n = meta.get("rounds", 1)
    return f", scenarios 1 and 2 in {n} interleaved rounds" if n > 1 else ""


def cpu(r, name):
    v = r.get("cpu_us_per_req", {}).get(name)
    return "–" if v is None else f"{v:.0f}"


def s7_rows(s):
    """Scenario 7's rows by variant; a run from before the variants measured one master, the baseline."""
    if "rows" in s:
        return s["rows"]
    return {"baseline": {"label": "baseline", "ready_s": s["ready_s"], "per_second": s["per_second"],
                         "peak_rps": s["peak_rps"], "second_reaching_80_own": s["second_reaching_80"],
                         "second_reaching_80_warm": None, "p99_first_5s_ms": s["p99_first_5s_ms"],
                         "errors": s["errors"]}}


def s7_sets(r):
    """What a scenario 7 variant sets: its java, cache and JVM options."""
    opts = ({"app-cds.jsa": ["-XX:SharedArchiveFile=app-cds.jsa"], "app.aot": ["-XX:AOTCache=app.aot", "-XX:AOTMode=on"]}
            .get(r.get("cache"), []) + r.get("jvm", []))
    return " ".join(f"`{o}`" for o in opts) or "–"


def markdown(res, charts):
    meta, sc = res["meta"], res["scenarios"]
    out = []
    w = out.append
    w("# Benchmark results\n")
    mode = "a **smoke run**: tiny data, 2 s per measurement, C1 only but for scenario 7's masters; it checks " \
        "the scripts, not the numbers" \
        if meta.get("smoke") else f"full run, {meta['duration_s']} s per measurement{rounds_of(meta)}; warm-up before each: {meta['warmup']}"
    w(f"Written by `bench/run.sh` ({mode}); how to run and what each scenario measures: "
      "[bench/README.md](README.md). Everything ran on one machine over loopback, so the load "
      "generator, the router and the workers share its CPUs: compare the rows with each other, "
      "not with figures from a bigger box.\n")
    w("## Machine\n")
    w("| | |\n|---|---|")
    w(f"| CPUs (`nproc`) | {meta['nproc']} |")
    w(f"| CPU | {meta['cpu']} |")
    w(f"| memory | {meta['memory']} |")
    w(f"| kernel | {meta['kernel']} |")
    w(f"| Java | {' / '.join(meta['java'])} |")
    w(f"| HAProxy | {meta['haproxy']} |")
    w(f"| wrk | {meta['wrk']} |")
    w(f"| date | {meta['date']} |")
    commit = f"`{meta['commit']}`" + (" (with uncommitted changes in master/ or worker/)" if meta.get(
        "sources_dirty") else "")
    w(f"| commit | {commit} |")
    w(f"| jars built | master {meta['master_jar']}, worker {meta['worker_jar']} |")
    loads = ", ".join(f"before {k[-2:]}: {v:.2f}" for k, v in meta.items() if k.startswith("loadavg_before"))
    w(f"| 1-min load average | at start {meta['loadavg_start']:.2f}; {loads}; at end "
      f"{meta.get('loadavg_end', 0):.2f} |")
    w("")
    w("Tuning applied to every service (what a user would do for a benchmark or a high request "
      "rate): no access-log line per request (the services' default since issue 17; earlier runs passed "
      "`-Dquarkus.http.access-log.enabled=false`)"
      + ("; the class-data archive of a training run (`scripts/train-cds.sh`, `-XX:SharedArchiveFile=app-cds.jsa`, "
         "run from the app directory, as `scripts/run-local.sh` does)" if meta.get("app_cds") else "") + "; otherwise "
      "defaults: default JVM heap and GC (G1), the master's one Vert.x event loop and the worker's default "
      "(2 × CPUs), the master's "
      "pool of 128 connections per worker instance; scenario 7 compares its masters' java, cache and JVM options "
      "(its table). HAProxy: `bench/haproxy.cfg.template`, no request log.\n")

    w("## Targets\n")
    w("| scenario | target | measured | |\n|---|---|---|---|")
    for t in res["targets"]:
        w(f"| {t['scenario']} | {t['target']} | {t['measured']} | {'met' if t['met'] else '**missed**'} |")
    if not res["targets"]:
        w("| – | no scenario with a target ran | | |")
    if res.get("failures"):
        w("\nBroken measurements in this run:\n")
        for x in res["failures"]:
            w(f"- {x}")
    w("")

    if "1" in sc:
        s = sc["1"]
        w("## 1. Router overhead: name queries\n")
        w(f"`GET /api/records?name=…` rotating over 2000 names that exist, {s['conns']} connections "
          f"(wrk, 2 threads), {s['records_per_group']} records per group, one worker per group, no "
          "injected delay. *direct* asks worker-am-0 itself, so the first four rows all use names of "
          "group am only (the same list for all four); the last two use names of both groups, "
          "alternating. *Vert.x pass-through* is not a router but the floor of one in the JVM: "
          "`bench/PassThroughProxy.java` passes each request to worker-am-0 with the Vert.x HTTP client, "
          "on the master's libraries, event loops and pool size, and copies the answer back: no parsing, "
          "routing, balancing, breaker, metrics or JSON. CPU columns: CPU time of the process per "
          "request during the runs." + rounds_note(meta) + "\n")
        w("| path | req/s | p50 ms | p90 ms | p99 ms | errors | router CPU µs/req | worker-am CPU µs/req | warm-up s |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        wide = s.get("wide_conns", 64)
        names = {"direct": ("direct to the worker", None, "worker-am-0"),
                 "haproxy": ("HAProxy → worker", "haproxy", "worker-am-0"),
                 "master": ("master → worker (shipped defaults: batching on)", "master", "worker-am-0"),
                 "master_nobatch": ("master, batching off", "master-nobatch", "worker-am-0"),
                 "master_h2c": ("master, batching off, h2c to the worker", "master-h2c", "worker-am-0"),
                 "master_pipelined": ("master, batching off, HTTP/1.1 pipelined", "master-pipelined", "worker-am-0"),
                 "pass_through": ("Vert.x pass-through → worker (floor)", "pass-through", "worker-am-0"),
                 "haproxy_both": ("HAProxy, both groups", "haproxy", None),
                 "master_both": ("master, both groups", "master", None),
                 "haproxy_64": (f"HAProxy → worker, {wide} conns", "haproxy", "worker-am-0"),
                 "master_64": (f"master → worker, {wide} conns", "master", "worker-am-0"),
                 "master_nobatch_64": (f"master, batching off, {wide} conns", "master-nobatch", "worker-am-0")}
        for k, (label, router, worker) in names.items():
            r = s["rows"].get(k)
            if r is None:  # results of a run from before the row existed
                continue
            w(f"| {label} | {rps(r)} | {ms(r['p50_ms'])} | {ms(r['p90_ms'])} | {ms(r['p99_ms'])} | "
              f"{r['errors']} | {cpu(r, router) if router else '–'} | {cpu(r, worker) if worker else '–'} | "
              f"{r.get('warmup_s', '–')} |")
        x = s["ratios"]
        w(f"\nmaster / HAProxy throughput: **{x['rps_master_over_haproxy']:.2f}×** (both groups: "
          f"{x['rps_master_over_haproxy_both']:.2f}×); master / direct: **{x['rps_master_over_direct']:.2f}×**; "
          f"master p99 − HAProxy p99: **{x['p99_master_minus_haproxy_ms']:+.2f} ms**; master p50 − direct p50: "
          f"{x['p50_master_minus_direct_ms']:+.3f} ms"
          + (f"; Vert.x pass-through / HAProxy: {x['rps_pass_through_over_haproxy']:.2f}×"
             if "rps_pass_through_over_haproxy" in x else "") + ".\n")
        if "rps_master_over_haproxy_64" in x:
            w(f"At {wide} connections: master / HAProxy **{x['rps_master_over_haproxy_64']:.2f}×**, p99 "
              f"{x['p99_master_minus_haproxy_64_ms']:+.2f} ms. Batching off: {x['rps_nobatch_over_haproxy']:.2f}× "
              f"at {s['conns']} and {x['rps_nobatch_over_haproxy_64']:.2f}× at {wide} connections. The shipped "
              f"master sent **{x['queries_per_worker_call']:.2f}** name queries per call to a worker. Master + "
              f"worker CPU per query {x['cpu_master_plus_worker_us']:.0f} µs, HAProxy + worker "
              f"{x['cpu_haproxy_plus_worker_us']:.0f} µs.\n")

    if "2" in sc:
        s = sc["2"]
        w("## 2. Scatter is parallel: location queries\n")
        w(f"`GET /api/records?location=…` over 2000 locations (every group has records there), "
          f"{s['conns']} connections, {s['records_per_group']} records per group; group am's worker "
          f"answers after `mw.fault.delay={s['delay_slow']}`, group nz's at once. Parallel scatter: the "
          "master's p50 ≈ the slow group's; sequential would add the fast group's on top."
          + rounds_note(meta) + "\n")
        w("| path | req/s | p50 ms | p90 ms | p99 ms | errors | CPU µs/req of the answering process | warm-up s |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|")
        for k, label, proc in (("slow", "slow group am, direct", "worker-am-0"),
                               ("fast", "fast group nz, direct", "worker-nz-0"),
                               ("master", "master, scatter to both", "master")):
            r = s["rows"][k]
            w(f"| {label} | {rps(r)} | {ms(r['p50_ms'])} | {ms(r['p90_ms'])} | {ms(r['p99_ms'])} | "
              f"{r['errors']} | {cpu(r, proc)} | {r.get('warmup_s', '–')} |")
        m, sl, fa = s["rows"]["master"], s["rows"]["slow"], s["rows"]["fast"]
        w(f"\nmaster p50 − slow group p50: **{m['p50_ms'] - sl['p50_ms']:+.2f} ms** (sequential would be about "
          f"+{fa['p50_ms']:.2f} ms).\n")

    if "3" in sc:
        s = sc["3"]
        w("## 3. Balancer quality: one replica 10× slower\n")
        w(f"Two replicas per group, each answering after `mw.fault.delay={s['base_delay']}`; name queries "
          f"of both groups, {s['conns']} connections, {s['records_per_group']} records per group. *healthy*: "
          f"all four replicas at {s['base_delay']}; *slow*: worker-am-1 replaced by a replica at "
          f"{s['slow_delay']}. One master per balancer, all four masters known to every worker, loaded one "
          "at a time. Share: that replica's part of group am's requests, from the workers' own `served` "
          "counters (`GET /api/load`) before and after the measured run.\n")
        w("| balancer | healthy req/s | healthy p50 ms | healthy p99 ms | am-1 share healthy | slow req/s | "
          "slow p50 ms | slow p99 ms | slow replica share | p99 slow / healthy |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for b, ph in s["rows"].items():
            h, sl = ph["healthy"], ph["slow"]
            w(f"| `{b}` | {h['rps']:.0f} | {ms(h['p50_ms'])} | {ms(h['p99_ms'])} | {100 * h['replica_share']:.1f} % | "
              f"{sl['rps']:.0f} | {ms(sl['p50_ms'])} | {ms(sl['p99_ms'])} | **{100 * sl['replica_share']:.1f} %** | "
              f"{sl['p99_ms'] / h['p99_ms']:.2f}× |")
        w("")

    if "4" in sc:
        s = sc["4"]
        w("## 4. Data scale: one worker\n")
        w(f"Files from `bench/gen-data.py` (seed 42: \"First Last\" names over every letter of the group, "
          f"3000 locations, years 1900–2025). Worker with `-Xmx{s['xmx']}`. *load*: the worker's own "
          "\"Loaded N records … in X ms\" log line; *ready*: process start to `/q/health/ready` = 200"
          + (f" (both the median of {len(s['rows'][0]['load_ms_all'])} starts, each a fresh JVM, with the range "
             "of the load times)" if s["rows"] and len(s["rows"][0].get("load_ms_all", [])) > 1 else "") + "; "
          "*heap*: used heap after two `jcmd GC.run`, per record after subtracting the same worker "
          f"with the shipped 8-record file ({s['baseline_heap_mb']:.1f} MiB, ready in "
          f"{s['baseline_ready_s']:.2f} s). Lookups: 1 connection, rotating over 2000 queries that exist "
          "(a location matches about records/3000 records, location+year about records/378 000).\n")
        w("| records | file MB | load s | ready s | heap MiB | heap B/record | name p50 ms | name p99 ms | "
          "name req/s | location p50 ms | location p99 ms | location+year p50 ms |")
        w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in s["rows"]:
            load = "–" if r["load_ms"] is None else f"{r['load_ms'] / 1000:.2f}"
            starts = [x for x in r.get("load_ms_all", []) if x is not None]
            if len(starts) > 1:
                load += f" ({min(starts) / 1000:.2f}–{max(starts) / 1000:.2f})"
            w(f"| {r['records']:,} | {r['file_mb']:.0f} | {load} | {r['ready_s']:.2f} | {r['heap_mb']:.0f} | "
              f"{r['bytes_per_record']:.0f} | {ms(r['name']['p50_ms'])} | {ms(r['name']['p99_ms'])} | "
              f"{r['name']['rps']:.0f} | {ms(r['location']['p50_ms'])} | {ms(r['location']['p99_ms'])} | "
              f"{ms(r['location_year']['p50_ms'])} |")
        w("")

    if "5" in sc:
        s = sc["5"]
        w("## 5. Start-up (JVM)\n")
        w("Time from spawning `java -jar …` to the first 200 from `/q/health/ready` (polled every 10 ms); "
          "for the worker that includes loading the shipped data and registering at a running master. "
          "RSS (`ps -o rss`) right after ready. Quarkus' own \"started in\" figure for comparison. "
          "Each service starts with the class-data archive of `scripts/train-cds.sh`, once with default "
          "JVM options and once with the options `scripts/run-local.sh` (the README's first command) "
          "starts it with, the two alternating. Native-image figures come from the native CI workflow.\n")
        w("| service | JVM options | runs | ready s (median) | ready s (min) | Quarkus \"started in\" s (median) | RSS MiB (median) |")
        w("|---|---|---:|---:|---:|---:|---:|")
        for k in startup_keys(s):
            x = s[k]
            qs = sorted(r["quarkus_started_s"] for r in x["runs"] if r["quarkus_started_s"] is not None)
            opts = "`" + " ".join(x["jvm"]) + "` (run-local.sh)" if x.get("jvm") else "default"
            w(f"| {k.split('_')[0]} | {opts} | {len(x['runs'])} | {x['ready_s_median']:.2f} | {x['ready_s_min']:.2f} | "
              f"{f(qs[len(qs) // 2]) if qs else '–'} | {x['rss_mb_median']:.0f} |")
        w("")

    if "6" in sc:
        s = sc["6"]
        w("## 6. A replica frozen under load\n")
        w(f"{s['conns']} connections of mixed queries (names of both groups, location and year) for "
          f"{s['run_s']} s; after {s['run_s'] // 3} s one replica of group am is stopped with SIGSTOP for "
          f"{s['freeze_s']} s, then continued. The shipped defaults against the same cluster with "
          "`mw.hedge-after=off`. Extra calls: hedges plus retries, per query.\n")
        w("| master | req/s | p50 ms | p99 ms | max ms | failed | extra calls |")
        w("|---|---:|---:|---:|---:|---:|---:|")
        for label, r in s["rows"].items():
            w(f"| {label} | {r['rps']:.0f} | {ms(r['p50_ms'])} | {ms(r['p99_ms'])} | {r['max_ms']:.0f} | "
              f"{r['errors']} | {100 * r['extra_share']:.1f} % |")
        w("")

    if "7" in sc:
        s = sc["7"]
        rows = s7_rows(s)
        ran = {k: r for k, r in rows.items() if "per_second" in r}
        warm = s.get("warm_peak_rps")
        warm_rps = " ".join(f"{r['rps']:.0f}" for r in s.get("warm_runs", []))
        w("## 7. A restarted master's first seconds\n")
        w(f"Two warm replicas per group; their master is stopped and, for each variant, a fresh one started on the "
          f"same port (ready once the workers registered again). Names of both groups at {s['conns']} connections "
          "from its first request, in runs of 1 s, one after the other; then that master is stopped and the next "
          "variant's started, under the same workers."
          + (f" The reference: the warm master before its restart, measured the same way: {warm_rps} req/s, "
             f"peak **{warm:.0f}**." if warm else "") + "\n")
        w("| variant | java | sets | ready s | req/s in second 1 | second 5 | peak | 80 % of the warm peak in second "
          "| 80 % of its own peak in second | worst p99 of the first 5 s, ms | errors |")
        w("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for k, r in rows.items():
            label = r["label"] + (" (shipped)" if k == s.get("shipped", "baseline") else "")
            if "per_second" not in r:
                w(f"| {label} | {r.get('java') or '–'} | {s7_sets(r)} | {'skipped' if 'skipped' in r else 'failed'}: "
                  f"{r.get('skipped') or r.get('failed')} | | | | | | | |")
                continue
            ps = r["per_second"]
            w(f"| {label} | {r.get('java') or '–'} | {s7_sets(r)} | {r['ready_s']:.2f} | {ps[0]['rps']:.0f} | "
              f"{ps[4]['rps']:.0f} | {r['peak_rps']:.0f} | "
              f"{r['second_reaching_80_warm'] or '–'} | {r['second_reaching_80_own'] or '–'} | "
              f"{r['p99_first_5s_ms']:.1f} | {r['errors']} |")
        if ran:
            n = max(len(r["per_second"]) for r in ran.values())
            for what, key, digits in (("req/s", "rps", 0), ("p99 ms", "p99_ms", 1)):
                w(f"\n{what} by second:\n")
                w("| variant | " + " | ".join(str(i + 1) for i in range(n)) + " |")
                w("|---|" + "---:|" * n)
                for r in ran.values():
                    w(f"| {r['label']} | " + " | ".join(f"{x[key]:.{digits}f}" for x in r["per_second"]) + " |")
        if charts.get("cold-start.png"):
            w("\n![req/s per second after a cold start, one line per variant](cold-start.png)")
        w("")

    if charts.get("results.png"):
        w("## Chart\n")
        w("![headline figures](results.png)\n")
    return "\n".join(out)


def startup_keys(s):
    """Scenario 5's rows: master and worker, each with default options and, from runs that measured
    them, with run-local.sh's."""
    return [k for k in ("master", "master_launcher", "worker", "worker_launcher") if k in s]


def q(s):
    return '"' + s.replace('"', "'") + '"'


def gnuplot(out_dir, name, size, script):
    """Runs a gnuplot script that draws out_dir/name, size (width, height) pixels; True when it did."""
    if not shutil.which("gnuplot"):
        print(f"report: gnuplot not found, no {name}", file=sys.stderr)
        return False
    gp = os.path.join(out_dir, "work", "chart", name.replace(".png", ".gp"))
    with open(gp, "w") as fh:
        fh.write(f"set terminal pngcairo size {size[0]},{size[1]} font 'DejaVu Sans,10'\n"
                 f"set output '{os.path.join(out_dir, name)}'\n" + script)
    r = subprocess.run(["gnuplot", gp], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"report: gnuplot failed on {name}:\n" + r.stderr, file=sys.stderr)
        return False
    return True


def chart_title(res, what, sep=", "):
    meta = res["meta"]
    return (f"{what}{sep}{meta['date']}, commit {meta['commit']}, {meta['nproc']} CPUs"
            + (" (SMOKE RUN)" if meta.get("smoke") else ""))


def cold_start_chart(out_dir, res):
    """cold-start.png: scenario 7's req/s per second from a fresh master's first request, one line per
    variant, with 80 % of the warm master's peak and the 5 s of the target. None when there is nothing
    to draw."""
    s = res["scenarios"].get("7")
    variants = [(k, r) for k, r in s7_rows(s).items() if "per_second" in r] if s else []
    rows = [r for _, r in variants]
    if not rows:
        return None
    work = os.path.join(out_dir, "work", "chart")
    os.makedirs(work, exist_ok=True)
    n = max(len(r["per_second"]) for r in rows)
    dat = os.path.join(work, "s7.dat")
    with open(dat, "w") as fh:
        for i in range(n):
            fh.write(f"{i + 1} " + " ".join(f"{r['per_second'][i]['rps']:.6g}" if i < len(r["per_second"]) else "NaN"
                                            for r in rows) + "\n")
    # ten colours for the ten variants (Tableau 10), and JDK 25's lines dashed: no two lines alike
    colours = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
               "#9c755f", "#bab0ac"]
    lines = [f"'{dat}' using 1:{c + 2} with linespoints lw 2 dt {2 if key.startswith('jdk25') else 1} pt 7 ps 0.6 "
             f"lc rgb '{colours[c % len(colours)]}' title {q(r['label'])}" for c, (key, r) in enumerate(variants)]
    warm = s.get("warm_peak_rps")
    marks = ("set arrow 1 from 5, graph 0 to 5, graph 1 nohead dt 3 lc rgb 'grey40'\n"
             "set label 2 'target: 5 s' at 5, graph 0.97 offset 0.5,0 tc rgb 'grey40'\n")
    if warm:
        marks += (f"set arrow 2 from graph 0, first {0.8 * warm:.0f} to graph 1, first {0.8 * warm:.0f} nohead dt 2 "
                  "lc rgb 'red'\n"
                  f"set label 1 {q(f'80 % of the warm peak ({warm:.0f} req/s)')} at graph 0.01, first "
                  f"{0.8 * warm:.0f} offset 0,0.7 tc rgb 'red'\n")
    title = chart_title(res, f"7. A fresh master: req/s in each second from its first request, {s['conns']} connections",
                        sep="\\n")
    script = (f"set title {q(title)}\n"
              "set xlabel 'second after the first request'\nset ylabel 'req/s'\n"
              f"set xrange [0.5:{n + 0.5}]\nset yrange [0:*]\nset xtics 1\nset grid ytics\n"
              "set key outside below center maxrows 5 width 2\n" + marks + "plot " + ", ".join(lines) + "\n")
    return gnuplot(out_dir, "cold-start.png", (1100, 720), script)


def chart(out_dir, res):
    """results.png with gnuplot: one panel per headline figure; None when no scenario has one."""
    sc = res["scenarios"]
    work = os.path.join(out_dir, "work", "chart")
    os.makedirs(work, exist_ok=True)
    panels = []

    def dat(name, rows):
        path = os.path.join(work, name)
        with open(path, "w") as fh:
            for row in rows:
                fh.write(" ".join(q(c) if isinstance(c, str) else f"{c:.6g}" for c in row) + "\n")
        return path

    common = ("set style data histograms\nset style histogram clustered gap 1\n"
              "set style fill solid 0.85 border -1\nset boxwidth 0.9\nset grid ytics\nset yrange [0:*]\n"
              "set key top left\nset xtics nomirror\nset offsets 0,0,graph 0.12,0\n")
    if "1" in sc:
        rows = sc["1"]["rows"]
        order = [(k, lbl) for k, lbl in (("direct", "direct"), ("haproxy", "HAProxy"), ("master", "master"),
                                         ("master_nobatch", "no batch"), ("master_h2c", "no batch, h2c"),
                                         ("master_pipelined", "no batch, pipelined"),
                                         ("pass_through", "Vert.x floor")) if k in rows]
        p = dat("s1.dat", [(lbl, rows[k]["rps"], rows[k]["p50_ms"], rows[k]["p99_ms"]) for k, lbl in order])
        panels.append(common + "set title '1. Name queries: throughput (16 conns)'\nset ylabel 'req/s'\n"
                      "unset key\nset yrange [0:*]\n"
                      f"plot '{p}' using 2:xtic(1) lc rgb '#4e79a7', "
                      f"'' using 0:2:(sprintf('%.0f',$2)) with labels offset 0,0.8 notitle\n")
        panels.append(common + "set title '1. Name queries: latency (log scale)'\nset ylabel 'ms'\nset key top left\n"
                      "set logscale y\nset yrange [0.1:*]\n"
                      f"plot '{p}' using 3:xtic(1) title 'p50' lc rgb '#59a14f', '' using 4 title 'p99' "
                      "lc rgb '#e15759', "
                      f"'' using ($0-1.0/6):3:(sprintf('%.2f',$3)) with labels offset 0,0.8 notitle, "
                      f"'' using ($0+1.0/6):4:(sprintf('%.2f',$4)) with labels offset 0,0.8 notitle\n"
                      "unset logscale y\n")
        cpu_rows = [("worker (direct)", rows["direct"].get("cpu_us_per_req", {}).get("worker-am-0", 0)),
                    ("HAProxy", rows["haproxy"].get("cpu_us_per_req", {}).get("haproxy", 0)),
                    ("master", rows["master"].get("cpu_us_per_req", {}).get("master", 0))]
        if "pass_through" in rows:
            cpu_rows.append(("Vert.x floor", rows["pass_through"].get("cpu_us_per_req", {}).get("pass-through", 0)))
        p3 = dat("s1cpu.dat", cpu_rows)
        panels.append(common + "set title '1. CPU time per name query, by process'\nset ylabel 'µs CPU / request'\n"
                      "unset key\n"
                      f"plot '{p3}' using 2:xtic(1) lc rgb '#9c755f', "
                      f"'' using 0:2:(sprintf('%.0f µs',$2)) with labels offset 0,0.8 notitle\n")
    if "2" in sc:
        rows = sc["2"]["rows"]
        p = dat("s2.dat", [("am direct (20ms)", rows["slow"]["p50_ms"]), ("nz direct (0)", rows["fast"]["p50_ms"]),
                           ("master scatter", rows["master"]["p50_ms"])])
        panels.append(common + "set title '2. Location queries: p50'\nset ylabel 'ms'\nunset key\n"
                      f"plot '{p}' using 2:xtic(1) lc rgb '#f28e2b', "
                      f"'' using 0:2:(sprintf('%.2f',$2)) with labels offset 0,0.8 notitle\n")
    if "3" in sc:
        rows = sc["3"]["rows"]
        p = dat("s3.dat", [(b, 100 * v["slow"]["replica_share"], v["healthy"]["p99_ms"], v["slow"]["p99_ms"])
                           for b, v in rows.items()])
        panels.append(common + "set title '3. Share of the 10x-slow replica (target <= 5 %)'\n"
                      "set ylabel '% of group am requests'\nunset key\nset yrange [0:*]\n"
                      "set arrow 1 from graph 0, first 5 to graph 1, first 5 nohead dt 2 lc rgb 'red'\n"
                      f"plot '{p}' using 2:xtic(1) lc rgb '#76b7b2', "
                      f"'' using 0:2:(sprintf('%.1f',$2)) with labels offset 0,0.8 notitle\n"
                      "unset arrow 1\n")
        panels.append(common + "set title '3. p99 healthy vs one slow replica (log scale)'\nset ylabel 'ms'\n"
                      "set logscale y\nset yrange [1:*]\n"
                      f"plot '{p}' using 3:xtic(1) title 'healthy' lc rgb '#59a14f', '' using 4 title "
                      "'one replica 10x slow' lc rgb '#e15759', "
                      f"'' using ($0-1.0/6):3:(sprintf('%.1f',$3)) with labels offset 0,0.8 notitle, "
                      f"'' using ($0+1.0/6):4:(sprintf('%.1f',$4)) with labels offset 0,0.8 notitle\n"
                      "unset logscale y\n")
    if "4" in sc:
        rows = sc["4"]["rows"]

        def size(n):
            return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"

        p = dat("s4.dat", [(size(r["records"]), (r["load_ms"] or 0) / 1000, r["bytes_per_record"],
                            1000 * r["name"]["p50_ms"]) for r in rows])
        panels.append(common + "set title '4. Data scale (one worker)'\nset ylabel 'load s'\n"
                      "set y2label 'heap bytes/record'\nset y2tics\n"
                      f"set y2range [0:{1.2 * max([1] + [r['bytes_per_record'] for r in rows]):.0f}]\nset key top left\n"
                      f"plot '{p}' using 2:xtic(1) title 'load time (s)' lc rgb '#4e79a7', "
                      f"'' using 0:3 axes x1y2 with linespoints lw 2 pt 7 lc rgb '#e15759' title 'heap B/record', "
                      f"'' using 0:3:(sprintf('%.0f B',$3)) axes x1y2 with labels offset 0,-1.1 notitle, "
                      f"'' using 0:2:(sprintf('%.2f s',$2)) with labels offset 0,0.8 notitle\n"
                      "unset y2tics\nunset y2label\n")
        p2 = dat("s4b.dat", [(size(r["records"]), r["name"]["p50_ms"], r["location"]["p50_ms"],
                              r["location_year"]["p50_ms"]) for r in rows])
        panels.append(common + "set title '4. Lookup p50 at the worker, 1 conn (target: name <= 0.2 ms)'\n"
                      "set ylabel 'ms'\nset logscale y\nset yrange [0.01:*]\n"
                      "set arrow 2 from graph 0, first 0.2 to graph 1, first 0.2 nohead dt 2 lc rgb 'red'\n"
                      f"plot '{p2}' using 2:xtic(1) title 'name' lc rgb '#4e79a7', '' using 3 title 'location' "
                      "lc rgb '#f28e2b', '' using 4 title 'location+year' lc rgb '#59a14f'\n"
                      "unset arrow 2\nunset logscale y\n")
    if "5" in sc:
        s = sc["5"]
        keys = startup_keys(s)
        p = dat("s5.dat", [(k.replace("_launcher", "\\nrun-local"), s[k]["ready_s_median"], s[k]["rss_mb_median"])
                           for k in keys])
        panels.append(common + "set bmargin 4\nset title '5. JVM start-up (median), target ready <= 1 s'\n"
                      "set ylabel 'ready s'\nset y2label 'RSS MiB'\nset y2tics\n"
                      f"set y2range [0:{1.2 * max(s[k]['rss_mb_median'] for k in keys):.0f}]\n"
                      "set arrow 3 from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb 'red'\n"
                      f"plot '{p}' using 2:xtic(1) title 'ready (s)' lc rgb '#b07aa1', "
                      f"'' using 3 axes x1y2 title 'RSS (MiB)' lc rgb '#9c755f', "
                      f"'' using ($0-1.0/6):2:(sprintf('%.2f s',$2)) with labels offset 0,0.8 notitle, "
                      f"'' using ($0+1.0/6):3:(sprintf('%.0f MiB',$3)) axes x1y2 with labels offset 0,0.8 notitle\n"
                      "unset arrow 3\nunset y2tics\nunset y2label\n")
    if not panels:
        return None
    cols = 3 if len(panels) > 4 else 2 if len(panels) > 1 else 1
    nrows = (len(panels) + cols - 1) // cols
    script = (f"set multiplot layout {nrows},{cols} title {q(chart_title(res, 'master-worker benchmarks'))} font ',13'\n"
              + "\n".join("reset\n" + pnl for pnl in panels) + "unset multiplot\n")
    return gnuplot(out_dir, "results.png", (560 * cols, 420 * nrows), script)


def write(out_dir, res):
    """RESULTS.md and the charts; False when a chart there were figures for could not be drawn."""
    charts = {"results.png": chart(out_dir, res), "cold-start.png": cold_start_chart(out_dir, res)}
    with open(os.path.join(out_dir, "RESULTS.md"), "w") as fh:
        fh.write(markdown(res, charts))
    drawn = [name for name, ok in charts.items() if ok]
    print(f"report: wrote {os.path.join(out_dir, 'RESULTS.md')}" + (" and " + ", ".join(drawn) if drawn else ""))
    return all(ok is not False for ok in charts.values())


if __name__ == "__main__":
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(d, "results.json")) as fh:
        sys.exit(0 if write(d, json.load(fh)) else 1)
