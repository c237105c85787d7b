#!/usr/bin/env python3
"""Benchmarks of the master-worker system; started by bench/run.sh (see bench/README.md).

Starts the packaged master and workers (and HAProxy) on loopback ports, runs bounded wrk
loads, stops everything it started, and writes results.json, RESULTS.md, results.png and
cold-start.png into the output directory. Standard library only.
"""
import argparse
import datetime
import glob
import hashlib
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import traceback
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BENCH = os.path.join(ROOT, "bench")
MASTER_JAR = "master/target/quarkus-app/quarkus-run.jar"
WORKER_JAR = "worker/target/quarkus-app/quarkus-run.jar"
DATA_DIR = os.path.join(ROOT, "target", "bench-data")
GROUPS = {"am": "a-m", "nz": "n-z"}
BALANCERS = ["p2c-ewma", "least-inflight", "least-served", "round-robin"]
# Loopback only; otherwise the shipped defaults (the access log is off by default since issue 17).
SERVICE_OPTS = ["-Dquarkus.http.host=127.0.0.1"]
CONNS = 16          # fixed concurrency of the load scenarios
WIDE_CONNS = 64     # scenario 1's second concurrency
CLK_TCK = os.sysconf("SC_CLK_TCK")


def ephemeral_low(default=32768):
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low = int(f.read().split()[0])
        return low if low > 11_000 else default
    except (OSError, ValueError, IndexError):
        return default


EPHEMERAL_LOW = ephemeral_low()  # services' ports are chosen below it (Bench.free_port)
# Scenario 7's variants, each a fresh master under the same warm workers: key -> (label, java,
# cache, JVM options). java: None the java on PATH (the one the services are built and shipped
# for), "25" the JDK 25 (find_java25). cache: "cds" the class-data archive of scripts/train-cds.sh
# (app-cds.jsa), "aot" the JDK 25 AOT cache with the method profiles of a hot training run, made by
# the same script for the bench's own copy of the apps (app.aot), None neither.
OFF = ("-Dmw.warmup=off",)
WARM_JIT = ("-Dmw.warmup=30s", "-Dmw.warmup.until=jit-idle")
S7_VARIANTS = {
    # what a master pod runs: the chart's master.warmup (30s, until the JIT is idle), the image's JDK 17
    "shipped": ("shipped (chart: warm-up until JIT idle, ≤ 30 s)", None, "cds", ("-Dmw.warmup=30s",)),
    "baseline": ("no lever (mw.warmup=off)", None, "cds", OFF),
    "warmup-3s": ("warm-up 3s", None, "cds", ("-Dmw.warmup=3s", "-Dmw.warmup.until=duration")),
    "warmup-jit": ("warm-up until JIT idle (≤ 30 s)", None, "cds", WARM_JIT),
    "jdk25": ("JDK 25", "25", None, OFF),
    "jdk25-warmup-jit": ("JDK 25 + warm-up until JIT idle", "25", None, WARM_JIT),
    "jdk25-aot": ("JDK 25 + AOT cache", "25", "aot", OFF),
    "jdk25-aot-warmup-jit": ("JDK 25 + AOT + warm-up until JIT idle", "25", "aot", WARM_JIT),
    "c1-only": ("C1 only", None, "cds", ("-XX:TieredStopAtLevel=1", *OFF)),
    # every tier's invocation and loop thresholds at a quarter: the hot path reaches C2 sooner,
    # on shorter profiles and with more methods compiled
    "compile-sooner": ("compile sooner", None, "cds", ("-XX:CompileThresholdScaling=0.25", *OFF)),
}
# what the master ships as: scenario 7's targets are computed for this variant's row
S7_SHIPPED = "shipped"
# a smoke run checks that the variants work without the AOT cache's training run (a minute on CI)
S7_SMOKE_VARIANTS = ("shipped", "jdk25")  # the warm-up path, and JDK 25 without it


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


class BenchError(Exception):
    pass


class Service:
    def __init__(self, name, port, proc, logfile, started):
        self.name, self.port, self.proc, self.logfile, self.started = name, port, proc, logfile, started
        self.ready_s = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self):
        return self.proc.pid


def launcher_jvm_options():
    """scripts/run-local.sh's default JVM options (its MW_JAVA_OPTS default), read from the script
    so the start-up scenario measures what the README's first command runs."""
    with open(os.path.join(ROOT, "scripts", "run-local.sh")) as f:
        m = re.search(r'MW_JAVA_OPTS:-([^}"]*)}', f.read())
    if not m:
        raise BenchError("cannot find the default MW_JAVA_OPTS in scripts/run-local.sh")
    return m.group(1).split()


def java_version(java):
    """'17.0.15' from `java -version`; None when it does not run."""
    try:
        p = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "([^"]+)"', p.stderr + p.stdout)
    return m.group(1) if m else None


def find_java25():
    """Scenario 7's JDK 25: MW_JAVA25 (a java or a JDK's home), else /usr/lib/jvm/*25*; one that has
    the AOT cache (-XX:AOTCacheOutput). (java, None), or (None, why not)."""
    given = os.environ.get("MW_JAVA25")
    for path in [given] if given else sorted(glob.glob("/usr/lib/jvm/*25*")):
        java = os.path.join(path, "bin", "java") if os.path.isdir(path) else path
        try:
            p = subprocess.run([java, "-XX:+PrintFlagsFinal", "-version"], capture_output=True, text=True,
                               timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if re.search(r"\sAOTCacheOutput\s", p.stdout):
            return java, None
    if given:
        return None, f"MW_JAVA25={given} is no java with the AOT cache (JDK 25 or newer)"
    return None, "no JDK 25 found (set MW_JAVA25, or install one in /usr/lib/jvm/)"


class Bench:
    def __init__(self, args):
        self.args = args
        self.smoke = args.smoke
        self.duration = args.duration
        self.rounds = args.rounds
        # warm-up before every measured run: none in a smoke run; otherwise 5 s runs until two in a row
        # agree on throughput within 10 % and the JIT compilers of the JVMs on the path are
        # idle (at least 10 s, at most 120 s): on a busy 2-CPU box the master's C2 needs a minute
        # or more, and a run measured before that measures the compiler
        self.warmup = 1 if self.smoke else 5
        self.warm_min, self.warm_max = (1, 1) if self.smoke else (10, 120)
        self.out = os.path.abspath(args.out)
        self.work = os.path.join(self.out, "work")
        self.logs = os.path.join(self.work, "logs")
        os.makedirs(self.logs, exist_ok=True)
        self.pidfile = os.path.join(self.work, "pids")
        open(self.pidfile, "w").close()
        self.running = []
        self.used_ports = set()
        self.port_cursor = random.randrange(10_000, EPHEMERAL_LOW)
        self.failures = []
        self.results = {"meta": {}, "scenarios": {}, "targets": []}
        self.seq = 0
        # smoke: C1 only, so the many short-lived JVMs start faster on a small CI box; the smoke
        # run checks that every scenario works, its figures mean nothing
        self.jvm_extra = ["-XX:TieredStopAtLevel=1"] if self.smoke else []
        # a snapshot of the packaged services: a rebuild during the run cannot change them
        self.jars = {}
        for module, jar in (("master", MASTER_JAR), ("worker", WORKER_JAR)):
            dst = os.path.join(self.work, "apps", module)
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(os.path.join(ROOT, os.path.dirname(jar)), dst)  # keeps mtimes: AppCDS checks them
            self.jars[module] = os.path.join(dst, "quarkus-run.jar")
        self.app_cds = all(os.path.exists(os.path.join(os.path.dirname(j), "app-cds.jsa")) for j in self.jars.values())

    # ---- processes --------------------------------------------------------------------------

    def free_port(self):
        """A free loopback port below the kernel's ephemeral range: one chosen inside it could be
        taken by an outgoing connection's local end before the service binds it."""
        while True:
            self.port_cursor = self.port_cursor + 1 if self.port_cursor + 1 < EPHEMERAL_LOW else 10_000
            port = self.port_cursor
            if port in self.used_ports:
                continue
            try:
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            except OSError:
                continue
            self.used_ports.add(port)
            return port

    def java(self, module, *args, jdk="java", cache="cds"):
        """A service's command line and working directory: jdk, the java; cache, "cds" for the
        class-data archive (when the build has one), "aot" for the JDK 25 AOT cache, None for neither.
        With either the JVM runs in the app directory: they name the jar by the relative path they
        were made with."""
        app = os.path.dirname(self.jars[module])
        if cache == "aot":
            # on: a JVM that cannot use the cache stops instead of running without it
            return [jdk, "-XX:AOTCache=app.aot", "-XX:AOTMode=on", *args, "-jar", "quarkus-run.jar"], app
        if cache == "cds" and self.app_cds:
            return [jdk, "-XX:SharedArchiveFile=app-cds.jsa", *args, "-jar", "quarkus-run.jar"], app
        return [jdk, *args, "-jar", self.jars[module]], ROOT

    def spawn(self, name, cmd, port=None, cwd=ROOT, env=None):
        self.seq += 1
        logfile = os.path.join(self.logs, f"{self.seq:02d}-{name}.log")
        f = open(logfile, "w")
        started = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, env=env)
        f.close()
        with open(self.pidfile, "a") as p:
            p.write(f"{proc.pid}\n")
        svc = Service(name, port, proc, logfile, started)
        self.running.append(svc)
        return svc

    def stop(self, *svcs, timeout=15):
        """SIGTERM to every given service at once (workers deregister and drain), then waits;
        SIGKILL for any still running after the timeout."""
        live = []
        for svc in svcs:
            if svc in self.running:
                self.running.remove(svc)
            if svc.proc.poll() is None:
                try:
                    os.killpg(svc.proc.pid, signal.SIGTERM)
                    live.append(svc)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + timeout
        for svc in live:
            try:
                svc.proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(svc.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                svc.proc.wait(5)
        with open(self.pidfile, "w") as p:  # run.sh's safety net kills only what still runs
            p.write("".join(f"{s.proc.pid}\n" for s in self.running))

    def stop_all(self):
        self.stop(*reversed(self.running))

    def start_master(self, balancer="p2c-ewma", name="master", jvm=(), port=None, jdk="java", cache="cds",
                     as_is=False):
        """as_is: jvm are all the JVM options, also in a smoke run (scenario 7's variants measure them)."""
        port = port or self.free_port()
        cmd, cwd = self.java("master", *(() if as_is else self.jvm_extra), *jvm, *SERVICE_OPTS,
                             f"-Dquarkus.http.port={port}", f"-Dmw.balancer={balancer}", "-Dmw.worker-timeout=2s",
                             jdk=jdk, cache=cache)
        return self.spawn(name, cmd, port, cwd)

    def start_worker(self, group, wid, masters, data_file, delay="0", jvm=()):
        port = self.free_port()
        cmd, cwd = self.java("worker", *self.jvm_extra, *jvm, *SERVICE_OPTS, f"-Dquarkus.http.port={port}",
                             f"-Dmw.group={group}", f"-Dmw.id={wid}",
                             "-Dmw.master-url=" + ",".join(m.url for m in masters),
                             f"-Dmw.advertise-url=http://127.0.0.1:{port}",
                             f"-Dmw.data-file={os.path.join(ROOT, data_file)}", f"-Dmw.fault.delay={delay}")
        return self.spawn(wid, cmd, port, cwd)

    def start_haproxy(self, am_workers, nz_workers):
        port = self.free_port()
        with open(os.path.join(BENCH, "haproxy.cfg.template")) as f:
            cfg = f.read()

        def servers(ws):
            return "\n".join(f"    server {w.name} 127.0.0.1:{w.port}" for w in ws)

        cfg = cfg.replace("@@PORT@@", str(port)).replace("@@AM_SERVERS@@", servers(am_workers)) \
            .replace("@@NZ_SERVERS@@", servers(nz_workers))
        path = os.path.join(self.work, "haproxy.cfg")
        with open(path, "w") as f:
            f.write(cfg)
        check = subprocess.run(["haproxy", "-c", "-f", path], capture_output=True, text=True)
        if check.returncode != 0:
            raise BenchError("haproxy.cfg is invalid: " + check.stdout + check.stderr)
        return self.spawn("haproxy", ["haproxy", "-db", "-f", path], port)

    def start_pass_through(self, worker):
        """The floor of a JVM router: bench/PassThroughProxy.java run from source on the master's
        libraries (the same Vert.x and Netty), in front of one worker."""
        port = self.free_port()
        lib = os.path.join(os.path.dirname(self.jars["master"]), "lib", "main", "*")
        return self.spawn("pass-through", ["java", "-cp", lib, os.path.join(BENCH, "PassThroughProxy.java"),
                                           str(port), str(worker.port)], port)

    def tail(self, svc, lines=15):
        try:
            with open(svc.logfile, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    # ---- HTTP -------------------------------------------------------------------------------

    @staticmethod
    def get(url, timeout=2.0):
        try:
            with urllib.request.urlopen(url, timeout=timeout) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()
        except (urllib.error.URLError, OSError):
            return None, b""

    def get_json(self, url):
        status, body = self.get(url)
        if status != 200:
            raise BenchError(f"GET {url} answered {status}: {body[:300]!r}")
        return json.loads(body)

    def wait_ready(self, services, timeout=180, poll=0.05, path="/q/health/ready"):
        """Waits until every service's `path` is 200; sets svc.ready_s. A master alone is ready only
        one mw.lease after start (no worker of every group): wait for it with /q/health/started."""
        pending = list(services)
        deadline = time.monotonic() + timeout
        while pending:
            for svc in list(pending):
                if svc.proc.poll() is not None:
                    raise BenchError(f"{svc.name} exited with {svc.proc.returncode}:\n{self.tail(svc)}")
                status, _ = self.get(svc.url + path, timeout=1)
                if status == 200:
                    svc.ready_s = time.monotonic() - svc.started
                    pending.remove(svc)
            if pending:
                if time.monotonic() > deadline:
                    raise BenchError("not ready after %ds: %s\n%s" % (
                        timeout, ", ".join(s.name for s in pending), self.tail(pending[0])))
                time.sleep(poll)

    def wait_up(self, master, expected, timeout=60):
        """Waits until the master's UP instances per group are exactly `expected` {group: {ids}}."""
        deadline = time.monotonic() + timeout
        seen = None
        while time.monotonic() < deadline:
            try:
                workers = self.get_json(master.url + "/api/workers")
                seen = {g: {w["id"] for w in workers if w["group"] == g and w["state"] == "UP"} for g in expected}
                if seen == expected and len(workers) == sum(len(v) for v in expected.values()):
                    return
            except (BenchError, ValueError):
                pass
            time.sleep(0.1)
        raise BenchError(f"{master.name}: registered workers are {seen}, expected {expected}")

    def wait_http_ok(self, url, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.get(url)[0] == 200:
                return
            time.sleep(0.1)
        raise BenchError(f"{url} never answered 200")

    def served(self, worker):
        return self.get_json(worker.url + "/api/load")["served"]

    # ---- measuring --------------------------------------------------------------------------

    def wrk(self, url, paths, conns=CONNS, duration=None, threads=2):
        duration = duration or self.duration
        threads = max(1, min(threads, conns))
        cmd = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{duration}s", "--timeout", "5s",
               "-s", os.path.join(BENCH, "paths.lua"), url, "--", paths]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60)
        m = re.search(r"^RESULT (.*)$", p.stdout, re.M)
        if p.returncode != 0 or not m:
            raise BenchError(f"wrk failed ({p.returncode}): {p.stdout[-500:]} {p.stderr[-500:]}")
        r = {k: float(v) for k, v in (kv.split("=") for kv in m.group(1).split())}
        errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
        secs = r["duration_us"] / 1e6
        return {"requests": int(r["requests"]), "errors": int(errors), "rps": r["requests"] / secs,
                "p50_ms": r["p50_us"] / 1000, "p90_ms": r["p90_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
                "max_ms": r["max_us"] / 1000, "mean_ms": r["mean_us"] / 1000, "seconds": secs,
                "conns": conns}

    @staticmethod
    def cpu_ticks(pid):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, IndexError, ValueError):
            return 0

    @staticmethod
    def jit_ticks(pid):
        """CPU ticks of the JVM's JIT compiler threads."""
        total = 0
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                try:
                    with open(f"/proc/{pid}/task/{tid}/comm") as f:
                        if not f.read().startswith(("C1 Compiler", "C2 Compiler")):
                            continue
                    with open(f"/proc/{pid}/task/{tid}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                    total += int(fields[11]) + int(fields[12])
                except (OSError, IndexError, ValueError):
                    pass
        except OSError:
            pass
        return total

    def warm(self, url, paths, conns=CONNS, threads=2, max_s=None, jvms=()):
        """Discarded runs until the path is warm: throughput of two runs in a row within 10 %
        and the JIT compilers of the JVMs on the path (jvms) below 5 % of a CPU during the
        last run. Returns the seconds spent."""
        if self.smoke:  # a smoke run checks that the paths answer, not how they perform warm
            return 0
        max_s = min(max_s or self.warm_max, self.warm_max)
        spent, prev = 0, None
        while spent < max_s:
            before = {s.name: self.jit_ticks(s.pid) for s in jvms}
            r = self.wrk(url, paths, conns, self.warmup, threads)
            spent += self.warmup
            jit = max([(self.jit_ticks(s.pid) - before[s.name]) / CLK_TCK / r["seconds"] for s in jvms] or [0])
            if (prev is not None and spent >= self.warm_min and abs(r["rps"] - prev) <= 0.1 * max(prev, 1)
                    and jit < 0.05):
                break
            prev = r["rps"]
        return spent

    def measure(self, label, url, paths, conns=CONNS, warm=True, cpu_of=(), duration=None, threads=2,
                warm_max=None, jvms=None, warm_s=0):
        """A warm-up (discarded) and a measured run; checks the error rate.
        cpu_of: services whose CPU time during the measured run is reported per request."""
        if jvms is None:
            jvms = [s for s in cpu_of if s.name != "haproxy"]
        if warm:
            warm_s = self.warm(url, paths, conns, threads, warm_max, jvms)
        before = {s.name: self.cpu_ticks(s.pid) for s in cpu_of}
        r = self.wrk(url, paths, conns, duration, threads)
        for s in cpu_of:
            cpu_s = (self.cpu_ticks(s.pid) - before[s.name]) / CLK_TCK
            r.setdefault("cpu_us_per_req", {})[s.name] = 1e6 * cpu_s / max(1, r["requests"])
        r["label"] = label
        r["warmup_s"] = warm_s
        log(f"  {label}{f' (warm-up {warm_s} s)' if warm else ''}: {r['rps']:.0f} req/s, p50 {r['p50_ms']:.3f} ms, p99 {r['p99_ms']:.3f} ms, "
            f"errors {r['errors']}/{r['requests']}"
            + ("".join(f", {k} {v:.0f} µs CPU/req" for k, v in r.get("cpu_us_per_req", {}).items())))
        if r["requests"] == 0 or r["errors"] > 0.01 * r["requests"]:
            self.fail(f"{label}: {r['errors']} errors in {r['requests']} requests")
        return r

    def interleaved(self, specs):
        """Measures several paths in rounds (A B C, A B C, ...) after warming each, so that a drift
        of the machine's speed during a scenario shows in every path alike instead of in their
        ratios. specs: (key, label, url, paths, cpu_of, jvms[, conns]). Per path: the median round's
        req/s and latency percentiles, the CPU per request over all rounds, every round's figures."""
        specs = [spec if len(spec) == 7 else (*spec, CONNS) for spec in specs]
        warmed = {key: self.warm(url, paths, conns=conns, jvms=jvms) for key, _, url, paths, _, jvms, conns in specs}
        rounds = {key: [] for key, *_ in specs}
        for i in range(self.rounds):
            for key, label, url, paths, cpu_of, _, conns in specs:
                r = self.measure(f"{label} [round {i + 1}/{self.rounds}]", url, paths, conns=conns, warm=False,
                                 cpu_of=cpu_of)
                rounds[key].append(r)
        return {key: self.combine(label, rounds[key], warmed[key]) for key, label, *_ in specs}

    @staticmethod
    def combine(label, runs, warmup_s):
        def median(field):
            return statistics.median(r[field] for r in runs)
        requests = sum(r["requests"] for r in runs)
        combined = {"label": label, "rps": median("rps"), "p50_ms": median("p50_ms"), "p90_ms": median("p90_ms"),
                    "p99_ms": median("p99_ms"), "mean_ms": median("mean_ms"),
                    "max_ms": max(r["max_ms"] for r in runs), "requests": requests,
                    "errors": sum(r["errors"] for r in runs), "seconds": sum(r["seconds"] for r in runs),
                    "conns": runs[0]["conns"], "warmup_s": warmup_s,
                    "rounds": [{k: r[k] for k in ("rps", "p50_ms", "p99_ms")} for r in runs]}
        cpu = {}
        for r in runs:
            for name, us in r.get("cpu_us_per_req", {}).items():
                cpu[name] = cpu.get(name, 0) + us * r["requests"]
        if cpu:
            combined["cpu_us_per_req"] = {name: total / max(1, requests) for name, total in cpu.items()}
        return combined

    def fail(self, msg):
        log("FAILED: " + msg)
        self.failures.append(msg)

    def target(self, scenario, text, measured, met):
        self.results["targets"].append({"scenario": scenario, "target": text, "measured": measured, "met": met})
        log(f"  target {'met' if met else 'MISSED'}: {text} — {measured}")

    # ---- data -------------------------------------------------------------------------------

    def dataset(self, group, n):
        """(data file relative to ROOT, query-list prefix), generated once and cached."""
        with open(os.path.join(BENCH, "gen-data.py"), "rb") as f:
            version = hashlib.sha256(f.read()).hexdigest()[:10]  # a changed generator regenerates
        base = os.path.join(DATA_DIR, version, f"{group}-{n}")
        data = base + ".json"
        if not (os.path.exists(data) and os.path.exists(base + ".locyears")):
            log(f"generating {n} records of group {group}")
            subprocess.run([sys.executable, os.path.join(BENCH, "gen-data.py"), "--group", group,
                            "--range", GROUPS[group], "--records", str(n), "--out", data,
                            "--queries", base, "--sample", "2000"], check=True)
        return os.path.relpath(data, ROOT), base

    def mixed(self, name, *files):
        """Interleaves path lists (e.g. names of both groups) into one file."""
        lists = []
        for fn in files:
            with open(fn) as f:
                lists.append([line for line in f.read().splitlines() if line])
        out = os.path.join(self.work, name)
        with open(out, "w") as f:
            for row in zip(*lists):
                f.write("\n".join(row) + "\n")
        return out

    # ---- scenarios --------------------------------------------------------------------------

    def s1_router_overhead(self):
        """Name queries through HAProxy and through the master at 16 and 64 connections, with the
        shipped defaults (batching on) and with batching off over each protocol to the workers."""
        n = 1000 if self.smoke else 100_000
        am_data, am_q = self.dataset("am", n)
        nz_data, nz_q = self.dataset("nz", n)
        no_batch = "-Dmw.batch.enabled=false"
        master = self.start_master()
        variants = {"master_nobatch": self.start_master(name="master-nobatch", jvm=(no_batch,)),
                    "master_h2c": self.start_master(name="master-h2c", jvm=(no_batch, "-Dmw.worker-http=h2c")),
                    "master_pipelined": self.start_master(name="master-pipelined",
                                                          jvm=(no_batch, "-Dmw.worker-http=http1-pipelined"))}
        masters = [master, *variants.values()]
        wa = self.start_worker("am", "worker-am-0", masters, am_data)
        wn = self.start_worker("nz", "worker-nz-0", masters, nz_data)
        self.wait_ready([*masters, wa, wn])
        for m in masters:
            self.wait_up(m, {"am": {"worker-am-0"}, "nz": {"worker-nz-0"}})
        hap = self.start_haproxy([wa], [wn])
        floor = self.start_pass_through(wa)
        with open(am_q + ".names") as f:
            first = f.readline().strip()
        self.wait_http_ok(hap.url + first)
        self.wait_http_ok(floor.url + first)
        mixed = self.mixed("names-both-groups", am_q + ".names", nz_q + ".names")
        am_names = am_q + ".names"
        nb, h2, pl = (variants[k] for k in ("master_nobatch", "master_h2c", "master_pipelined"))
        log(f"scenario 1: name queries, {CONNS} and {WIDE_CONNS} connections, {n} records per group")
        rows = self.interleaved([
            ("direct", "direct to worker-am-0 (group am names)", wa.url, am_names, [wa], [wa]),
            ("haproxy", "HAProxy (group am names)", hap.url, am_names, [hap, wa], [wa]),
            ("master", "master (group am names)", master.url, am_names, [master, wa], [master, wa]),
            ("master_nobatch", "master, batching off", nb.url, am_names, [nb, wa], [nb, wa]),
            ("master_h2c", "master, batching off, h2c to the worker", h2.url, am_names, [h2, wa], [h2, wa]),
            ("master_pipelined", "master, batching off, HTTP/1.1 pipelined", pl.url, am_names, [pl, wa], [pl, wa]),
            ("pass_through", "Vert.x pass-through proxy (group am names)", floor.url, am_names, [floor, wa],
             [floor, wa]),
            ("haproxy_both", "HAProxy (names of both groups)", hap.url, mixed, [hap], [wa, wn]),
            ("master_both", "master (names of both groups)", master.url, mixed, [master], [master, wa, wn]),
            ("haproxy_64", f"HAProxy (group am names, {WIDE_CONNS} conns)", hap.url, am_names, [hap, wa], [wa],
             WIDE_CONNS),
            ("master_64", f"master (group am names, {WIDE_CONNS} conns)", master.url, am_names, [master, wa],
             [master, wa], WIDE_CONNS),
            ("master_nobatch_64", f"master, batching off ({WIDE_CONNS} conns)", nb.url, am_names, [nb, wa],
             [nb, wa], WIDE_CONNS)])
        per_call = self.queries_per_call(master)
        log(f"  the shipped master sent {per_call:.2f} name queries per call to a worker")
        if per_call <= 1.0:
            self.fail(f"the shipped master batched nothing ({per_call:.2f} queries per worker call)")
        self.stop(floor, hap, wn, wa, *reversed(masters))
        m, h, d = rows["master"], rows["haproxy"], rows["direct"]
        ratios = {"rps_master_over_haproxy": m["rps"] / h["rps"], "rps_master_over_direct": m["rps"] / d["rps"],
                  "rps_pass_through_over_haproxy": rows["pass_through"]["rps"] / h["rps"],
                  "p99_master_minus_haproxy_ms": m["p99_ms"] - h["p99_ms"],
                  "p50_master_minus_direct_ms": m["p50_ms"] - d["p50_ms"],
                  "rps_master_over_haproxy_both": rows["master_both"]["rps"] / rows["haproxy_both"]["rps"],
                  "rps_master_over_haproxy_64": rows["master_64"]["rps"] / rows["haproxy_64"]["rps"],
                  "p99_master_minus_haproxy_64_ms": rows["master_64"]["p99_ms"] - rows["haproxy_64"]["p99_ms"],
                  "rps_nobatch_over_haproxy": rows["master_nobatch"]["rps"] / h["rps"],
                  "rps_nobatch_over_haproxy_64": rows["master_nobatch_64"]["rps"] / rows["haproxy_64"]["rps"],
                  "queries_per_worker_call": per_call}
        self.results["scenarios"]["1"] = {"records_per_group": n, "conns": CONNS, "wide_conns": WIDE_CONNS,
                                          "rows": rows, "ratios": ratios}
        for suffix, conns in (("", CONNS), ("_64", WIDE_CONNS)):
            mr, hr = rows["master" + suffix], rows["haproxy" + suffix]
            nbr = rows["master_nobatch" + suffix]
            self.target(1, f"master throughput on name queries ≥ 1.0× HAProxy's, {conns} connections",
                        f"{mr['rps'] / hr['rps']:.2f}× ({mr['rps']:.0f} vs {hr['rps']:.0f} req/s; batching off "
                        f"{nbr['rps'] / hr['rps']:.2f}×)", mr["rps"] >= hr["rps"])
            self.target(1, f"master p99 ≤ HAProxy's p99 + 0.5 ms, {conns} connections",
                        f"{mr['p99_ms']:.2f} ms vs {hr['p99_ms']:.2f} ms (+{mr['p99_ms'] - hr['p99_ms']:.2f} ms; "
                        f"batching off {nbr['p99_ms']:.2f} ms)", mr["p99_ms"] <= hr["p99_ms"] + 0.5)
        cpu_m = sum(m.get("cpu_us_per_req", {}).get(k, 0) for k in ("master", "worker-am-0"))
        cpu_h = sum(h.get("cpu_us_per_req", {}).get(k, 0) for k in ("haproxy", "worker-am-0"))
        cpu_nb = sum(rows["master_nobatch"].get("cpu_us_per_req", {}).get(k, 0) for k in ("master-nobatch", "worker-am-0"))
        ratios["cpu_master_plus_worker_us"] = cpu_m
        ratios["cpu_haproxy_plus_worker_us"] = cpu_h
        self.target(1, "master + worker CPU per name query ≤ HAProxy + worker",
                    f"{cpu_m:.0f} µs vs {cpu_h:.0f} µs (batching off {cpu_nb:.0f} µs)", cpu_m <= cpu_h)

    def s2_scatter(self):
        n = 1000 if self.smoke else 100_000
        am_data, am_q = self.dataset("am", n)
        nz_data, _ = self.dataset("nz", n)
        master = self.start_master()
        slow = self.start_worker("am", "worker-am-0", [master], am_data, delay="20ms")
        fast = self.start_worker("nz", "worker-nz-0", [master], nz_data, delay="0")
        self.wait_ready([master, slow, fast])
        self.wait_up(master, {"am": {"worker-am-0"}, "nz": {"worker-nz-0"}})
        locs = am_q + ".locations"  # the location pool is shared: every group has records there
        log(f"scenario 2: location queries, {CONNS} connections, group am at 20 ms, nz at 0")
        rows = self.interleaved([
            ("slow", "slow group am direct (20 ms)", slow.url, locs, [slow], [slow]),
            ("fast", "fast group nz direct (0 ms)", fast.url, locs, [fast], [fast]),
            ("master", "master scatter to both", master.url, locs, [master], [master, slow, fast])])
        self.stop(fast, slow, master)
        self.results["scenarios"]["2"] = {"records_per_group": n, "conns": CONNS, "delay_slow": "20ms",
                                          "rows": rows}
        m, s = rows["master"], rows["slow"]
        self.target(2, "scatter p50 ≤ slow group's p50 + 0.5 ms",
                    f"{m['p50_ms']:.2f} ms vs {s['p50_ms']:.2f} ms (+{m['p50_ms'] - s['p50_ms']:.2f} ms)",
                    m["p50_ms"] <= s["p50_ms"] + 0.5)

    def s3_balancers(self):
        n = 1000 if self.smoke else 100_000
        am_data, am_q = self.dataset("am", n)
        nz_data, nz_q = self.dataset("nz", n)
        masters = {b: self.start_master(b, name=f"master-{b}") for b in BALANCERS}
        ms = list(masters.values())
        base, slow_delay = "2ms", "20ms"
        am0 = self.start_worker("am", "worker-am-0", ms, am_data, base)
        am1 = self.start_worker("am", "worker-am-1", ms, am_data, base)
        nz0 = self.start_worker("nz", "worker-nz-0", ms, nz_data, base)
        nz1 = self.start_worker("nz", "worker-nz-1", ms, nz_data, base)
        self.wait_ready([*ms, am0, am1, nz0, nz1])
        for m in ms:
            self.wait_up(m, {"am": {"worker-am-0", "worker-am-1"}, "nz": {"worker-nz-0", "worker-nz-1"}})
        mixed = self.mixed("names-both-groups", am_q + ".names", nz_q + ".names")
        log(f"scenario 3: name queries of both groups, {CONNS} connections, every replica at {base}")
        rows = {b: {} for b in BALANCERS}

        def run(phase, b, target_worker, other):
            m = masters[b]
            jvms = [m, target_worker, other, nz0, nz1]
            warm_s = self.warm(m.url, mixed, jvms=jvms)  # also lets the balancer learn
            s0 = (self.served(target_worker), self.served(other))
            r = self.measure(f"{b}, {phase}", m.url, mixed, warm=False, cpu_of=[m], warm_s=warm_s)
            s1 = (self.served(target_worker), self.served(other))
            d_t, d_o = s1[0] - s0[0], s1[1] - s0[1]
            r["replica_share"] = d_t / max(1, d_t + d_o)
            r["replica_served"] = d_t
            r["group_served"] = d_t + d_o
            rows[b][phase] = r
            log(f"    {target_worker.name} got {100 * r['replica_share']:.1f} % of group am ({d_t}/{d_t + d_o})")

        # least-served first in each phase: it balances on absolute served counts, which the
        # other balancers leave unequal behind them
        order = ["least-served"] + [b for b in BALANCERS if b != "least-served"]
        for b in order:
            run("healthy", b, am1, am0)
        # both replicas of group am are replaced, so their served counters start equal (at 0)
        self.stop(am0, am1)
        am0s = self.start_worker("am", "worker-am-0b", ms, am_data, base)
        am1s = self.start_worker("am", "worker-am-1-slow", ms, am_data, slow_delay)
        self.wait_ready([am0s, am1s])
        for m in ms:
            self.wait_up(m, {"am": {"worker-am-0b", "worker-am-1-slow"}, "nz": {"worker-nz-0", "worker-nz-1"}})
        log(f"scenario 3: group am replaced by worker-am-0b at {base} and worker-am-1-slow at {slow_delay}")
        for b in order:
            run("slow", b, am1s, am0s)
        self.stop(am0s, am1s, nz0, nz1, *ms)
        self.results["scenarios"]["3"] = {"records_per_group": n, "conns": CONNS, "base_delay": base,
                                          "slow_delay": slow_delay, "rows": rows}
        p = rows["p2c-ewma"]
        self.target(3, "p2c-ewma: the 10×-slow replica gets ≤ 5 % of its group's requests",
                    f"{100 * p['slow']['replica_share']:.1f} %", p["slow"]["replica_share"] <= 0.05)
        self.target(3, "p2c-ewma: p99 with the slow replica ≤ 1.3× the all-healthy p99",
                    f"{p['slow']['p99_ms']:.2f} ms vs {p['healthy']['p99_ms']:.2f} ms "
                    f"({p['slow']['p99_ms'] / p['healthy']['p99_ms']:.2f}×)",
                    p["slow"]["p99_ms"] <= 1.3 * p["healthy"]["p99_ms"])

    def extra_calls(self, master):
        """Hedges plus retries the master has sent so far: its calls beyond one per group asked."""
        with urllib.request.urlopen(master.url + "/q/metrics", timeout=5) as r:
            text = r.read().decode()
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith(("mw_master_hedges_total{", "mw_master_retries_total{")))

    def queries_per_call(self, master):
        """The master's name queries per call to a worker so far (1.0: no batch), from its metrics."""
        with urllib.request.urlopen(master.url + "/q/metrics", timeout=5) as r:
            text = r.read().decode()
        def total(prefix):
            return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(prefix))
        calls = total("mw_master_batch_queries_count{")
        return total("mw_master_batch_queries_sum{") / calls if calls else 0.0

    def start_replicas(self, master, am_data, nz_data, suffix=""):
        """Two workers per group registered at the master, all ready and UP there."""
        workers = [self.start_worker(g, f"worker-{g}-{i}{suffix}", [master], data)
                   for g, data in (("am", am_data), ("nz", nz_data)) for i in (0, 1)]
        self.wait_ready([master, *workers])
        self.wait_up(master, {g: {w.name for w in workers if w.name.startswith(f"worker-{g}")} for g in GROUPS})
        return workers

    def s6_frozen_replica(self):
        """One replica stopped with SIGSTOP under mixed load, then continued: the shipped hedging
        against the same cluster with hedging off."""
        n = 1000 if self.smoke else 100_000
        run_s, freeze_s = (4, 1) if self.smoke else (12, 4)
        am_data, am_q = self.dataset("am", n)
        nz_data, nz_q = self.dataset("nz", n)
        mixed = self.mixed("frozen-mixed", am_q + ".names", nz_q + ".names", am_q + ".locyears")
        rows = {}
        for label, jvm in (("default", ()), ("hedging off", ("-Dmw.hedge-after=off",))):
            m = self.start_master(name="master-" + label.replace(" ", "-"), jvm=jvm)
            workers = self.start_replicas(m, am_data, nz_data, suffix=f"-{len(rows)}")
            self.warm(m.url, mixed, jvms=[m, *workers])
            frozen = workers[1]
            log(f"scenario 6 ({label}): {CONNS} connections of mixed queries for {run_s} s, "
                f"{frozen.name} stopped (SIGSTOP) for {freeze_s} s after {run_s // 3} s")
            extra0 = self.extra_calls(m)
            result = {}
            load = threading.Thread(target=lambda: result.update(self.wrk(m.url, mixed, duration=run_s)))
            load.start()
            time.sleep(run_s // 3)
            os.kill(frozen.pid, signal.SIGSTOP)
            try:
                time.sleep(freeze_s)
            finally:
                os.kill(frozen.pid, signal.SIGCONT)
            load.join()
            if not result:
                raise BenchError("the load run under a frozen replica failed")
            result["extra_calls"] = self.extra_calls(m) - extra0
            result["extra_share"] = result["extra_calls"] / max(1, result["requests"])
            rows[label] = result
            log(f"    p99 {result['p99_ms']:.1f} ms, max {result['max_ms']:.0f} ms, {result['errors']} failed, "
                f"extra calls {100 * result['extra_share']:.1f} %")
            self.stop(m, *workers)
        self.results["scenarios"]["6"] = {"records_per_group": n, "conns": CONNS, "run_s": run_s,
                                          "freeze_s": freeze_s, "rows": rows}
        d = rows["default"]
        self.target(6, f"one replica frozen {freeze_s} s: p99 ≤ 50 ms", f"{d['p99_ms']:.1f} ms", d["p99_ms"] <= 50)
        self.target(6, "one replica frozen: 0 failed queries", str(d["errors"]), d["errors"] == 0)
        self.target(6, "one replica frozen: extra calls ≤ 5 % of queries", f"{100 * d['extra_share']:.1f} %",
                    d["extra_share"] <= 0.05)

    def train_aot(self, java25):
        """The JDK 25 AOT cache of the bench's copy of the master (app.aot beside its jar), made by
        scripts/train-cds.sh with the JVM options the variants run with: the JVM's defaults. True
        when it was made."""
        queries = 2000 if self.smoke else 30_000
        log(f"scenario 7: training the master's AOT cache with {java25} ({queries} name queries under load)")
        env = {k: v for k, v in os.environ.items() if k != "MW_JAVA_OPTS"}
        svc = self.spawn("train-aot", [os.path.join(ROOT, "scripts", "train-cds.sh"), "--aot", "--java", java25,
                                       "--load", str(queries), "--apps", os.path.join(self.work, "apps"),
                                       "--logs", os.path.join(self.logs, "train-aot"), "master"], env=env)
        try:
            svc.proc.wait(900)
        except subprocess.TimeoutExpired:
            pass
        self.stop(svc)
        log("    " + self.tail(svc, 4).strip().replace("\n", "\n    "))
        return svc.proc.returncode == 0

    def cold_master(self, key, java, port, names, seconds, warm_peak):
        """One of scenario 7's variants, run by java: a fresh master on the port the workers know, its
        throughput second by second from its first request, each second its own 1 s wrk run."""
        label, _, cache, jvm = S7_VARIANTS[key]
        if self.smoke:  # a smoke run checks that the warm-up works, not how long the JIT takes
            jvm = tuple("-Dmw.warmup=5s" if o.startswith("-Dmw.warmup=") and o != "-Dmw.warmup=off" else o for o in jvm)
        new = self.start_master(name=f"master-{key}", port=port, jvm=jvm, jdk=java, cache=cache, as_is=True)
        try:
            self.wait_ready([new])
            runs = [self.wrk(new.url, names, duration=1) for _ in range(seconds)]
        finally:
            self.stop(new)
        for r in runs:
            if r["requests"] == 0:  # nothing answered within the run: its latency is at least the run's length
                r["p99_ms"] = r["max_ms"] = 1000 * r["seconds"]
        rps = [r["rps"] for r in runs]
        peak = max(rps)

        def first(level):
            return next((i + 1 for i, x in enumerate(rps) if x >= level), None)

        row = {"ready_s": new.ready_s, "per_second": runs, "peak_rps": peak,
               "second_reaching_80_warm": first(0.8 * warm_peak), "second_reaching_80_own": first(0.8 * peak),
               "p99_first_5s_ms": max(r["p99_ms"] for r in runs[:5]), "errors": sum(r["errors"] for r in runs),
               "requests": sum(r["requests"] for r in runs)}
        log(f"  {label}: ready {new.ready_s:.2f} s after its start; req/s by second: "
            + " ".join(f"{x:.0f}" for x in rps))
        log(f"    80 % of the warm peak {self.first_in(row['second_reaching_80_warm'], seconds)}, of its own peak "
            f"({peak:.0f} req/s) {self.first_in(row['second_reaching_80_own'], seconds)}; worst p99 of the first 5 s "
            f"{row['p99_first_5s_ms']:.1f} ms; errors {row['errors']}/{row['requests']}")
        if row["errors"] > 0.01 * row["requests"]:
            self.fail(f"scenario 7, {label}: {row['errors']} errors in {row['requests']} requests")
        return row

    @staticmethod
    def first_in(second, seconds):
        return f"not in {seconds} s" if second is None else f"first in second {second}"

    def s7_cold_master(self):
        """A master replaced under warm workers (a restarted pod), once per variant (S7_VARIANTS): the
        same workers, a fresh master on the same port each time."""
        n = 1000 if self.smoke else 100_000
        seconds = 5 if self.smoke else 30
        keys = self.args.variants
        skipped = {}
        java25, why = find_java25()
        javas = {None: "java", "25": java25}
        if java25 is None:
            skipped.update({k: why for k in keys if S7_VARIANTS[k][1] == "25"})
            if skipped:
                log(f"scenario 7: skipping {', '.join(S7_VARIANTS[k][0] for k in skipped)}: {why}")
        aot = [k for k in keys if S7_VARIANTS[k][2] == "aot" and k not in skipped]
        if aot and not self.train_aot(java25):
            why = "the AOT cache could not be trained (logs in work/logs/train-aot/)"
            self.fail(f"scenario 7: {why}")
            skipped.update({k: why for k in aot})
        am_data, am_q = self.dataset("am", n)
        nz_data, nz_q = self.dataset("nz", n)
        names = self.mixed("cold-names", am_q + ".names", nz_q + ".names")
        old = self.start_master(name="master-old")
        workers = self.start_replicas(old, am_data, nz_data)
        self.warm(old.url, names, jvms=[old, *workers])  # the workers are warm, as a restarted master meets them
        # the reference for every variant: the warm master measured as the fresh ones are
        warm_runs = [self.wrk(old.url, names, duration=1) for _ in range(2 if self.smoke else 5)]
        warm_peak = max(r["rps"] for r in warm_runs)
        port = old.port
        self.stop(old)
        warm_rps = " ".join(f"{r['rps']:.0f}" for r in warm_runs)
        log(f"scenario 7: the warm master did {warm_rps} req/s in runs of 1 s "
            f"(peak {warm_peak:.0f}); then for each variant a fresh master on its port, names of both groups at "
            f"{CONNS} connections, {seconds} runs of 1 s from its first request")
        rows = {}
        for key in keys:
            label, jdk, cache, jvm = S7_VARIANTS[key]
            rows[key] = row = {"label": label, "java": java_version(javas[jdk]) if javas[jdk] else None,
                               "cache": {"cds": "app-cds.jsa" if self.app_cds else None, "aot": "app.aot"}.get(cache),
                               "jvm": list(jvm)}
            if key in skipped:
                row["skipped"] = skipped[key]
                log(f"  {label}: skipped, {skipped[key]}")
                continue
            try:
                row.update(self.cold_master(key, javas[jdk], port, names, seconds, warm_peak))
            except BenchError as e:
                self.fail(f"scenario 7, {label}: {e}")
                row["failed"] = str(e)
        self.stop(*workers)
        self.results["scenarios"]["7"] = {"records_per_group": n, "conns": CONNS, "seconds": seconds,
                                          "warm_runs": warm_runs, "warm_peak_rps": warm_peak,
                                          "shipped": S7_SHIPPED, "rows": rows}
        s = rows.get(S7_SHIPPED, {})
        if "per_second" not in s:
            log(f"scenario 7: no targets, the shipped variant ({S7_VARIANTS[S7_SHIPPED][0]}) has no figures")
            return
        first_80, rps1 = s["second_reaching_80_warm"], s["per_second"][0]["rps"]
        self.target(7, f"a fresh master ({s['label']}) reaches ≥ 80 % of a warm master's peak within 5 s of its "
                    "first request", f"{self.first_in(first_80, seconds)} (warm peak {warm_peak:.0f} req/s, "
                    f"first second {rps1:.0f})",
                    first_80 is not None and first_80 <= 5)
        self.target(7, f"a fresh master's ({s['label']}) p99 in its first 5 s ≤ 10 ms",
                    f"{s['p99_first_5s_ms']:.1f} ms (worst second)", s["p99_first_5s_ms"] <= 10)

    def heap_used_kb(self, svc):
        for _ in range(2):
            subprocess.run(["jcmd", str(svc.pid), "GC.run"], capture_output=True, text=True, timeout=120)
        p = subprocess.run(["jcmd", str(svc.pid), "GC.heap_info"], capture_output=True, text=True, timeout=60)
        m = re.search(r"heap\s+total \d+K, used (\d+)K", p.stdout)
        if not m:
            raise BenchError(f"cannot read heap of {svc.name}: {p.stdout[-400:]} {p.stderr[-400:]}")
        return int(m.group(1))

    def s4_data_scale(self):
        sizes = [1000, 10_000] if self.smoke else [10_000, 100_000, 1_000_000, 5_000_000]
        jvm = ["-Xmx4g"]
        for n in sizes:
            self.dataset("am", n)
        master = self.start_master()
        self.wait_ready([master], path="/q/health/started")
        log("scenario 4: data scale, one worker of group am, -Xmx4g, lookups at 1 connection")
        # baseline: the same worker with the shipped 8-record file
        w = self.start_worker("am", "worker-am-base", [master], "data/data-am.json", jvm=jvm)
        self.wait_ready([w])
        base_kb = self.heap_used_kb(w)
        base_ready = w.ready_s
        self.stop(w)
        log(f"  baseline (shipped data): ready {base_ready:.2f} s, heap after GC {base_kb / 1024:.1f} MiB")
        rows = []
        for n in sizes:
            data, q = self.dataset("am", n)
            # a load runs in a cold JVM, so one start measures the machine's moment as much as the
            # loader: the extra starts (--rounds in all) only load, and the median start counts
            starts = []
            for i in range(1, self.rounds):
                extra, load_ms = self.start_loaded(master, n, data, jvm, f"worker-am-{n}-start{i}")
                starts.append((load_ms, extra.ready_s))
                self.stop(extra)
            w, load_ms = self.start_loaded(master, n, data, jvm, f"worker-am-{n}")
            starts.append((load_ms, w.ready_s))
            loads = [ms for ms, _ in starts if ms is not None]
            used_kb = self.heap_used_kb(w)
            row = {"records": n, "file_mb": os.path.getsize(os.path.join(ROOT, data)) / 1e6,
                   "load_ms": statistics.median(loads) if len(loads) == len(starts) else None,
                   "load_ms_all": [ms for ms, _ in starts], "ready_s": statistics.median(r for _, r in starts),
                   "heap_mb": used_kb / 1024, "bytes_per_record": (used_kb - base_kb) * 1024 / n}
            log(f"  {n} records: load {row['load_ms']} ms (starts: {row['load_ms_all']}), ready {row['ready_s']:.2f} s, "
                f"heap {used_kb / 1024:.0f} MiB, {row['bytes_per_record']:.0f} B/record")
            for kind, suffix in (("name", ".names"), ("location", ".locations"), ("location_year", ".locyears")):
                r = self.measure(f"{n} records, by {kind}", w.url, q + suffix, conns=1, threads=1,
                                 warm=not self.smoke, duration=1 if self.smoke else None, warm_max=60,
                                 cpu_of=[w])
                row[kind] = r
            rows.append(row)
            self.stop(w)
        self.stop(master)
        self.results["scenarios"]["4"] = {"baseline_heap_mb": base_kb / 1024, "baseline_ready_s": base_ready,
                                          "xmx": "4g", "rows": rows}
        one_m = next((r for r in rows if r["records"] == 1_000_000), None)
        if one_m:
            loads = ", ".join("–" if ms is None else f"{ms / 1000:.2f}" for ms in one_m["load_ms_all"])
            load = "–" if one_m["load_ms"] is None else f"{one_m['load_ms'] / 1000:.2f} s"
            self.target(4, "1 M records per group load in ≤ 2 s",
                        load + (f" (median of {len(one_m['load_ms_all'])} starts: {loads} s)"
                                if len(one_m["load_ms_all"]) > 1 else ""),
                        one_m["load_ms"] is not None and one_m["load_ms"] <= 2000)
            self.target(4, "1 M records: ≤ 200 bytes of heap per record", f"{one_m['bytes_per_record']:.0f} B",
                        one_m["bytes_per_record"] <= 200)
            self.target(4, "1 M records: name lookup p50 ≤ 0.2 ms at the worker",
                        f"{one_m['name']['p50_ms']:.3f} ms", one_m["name"]["p50_ms"] <= 0.2)

    def start_loaded(self, master, n, data, jvm, name):
        """A worker of group am on a data file, ready; with its load time from its own log line."""
        w = self.start_worker("am", name, [master], data, jvm=jvm)
        self.wait_ready([w], timeout=600)
        with open(w.logfile, errors="replace") as f:
            m = re.search(r"Loaded (\d+) records .* in (\d+) ms", f.read())
        if not m or int(m.group(1)) != n:
            self.fail(f"{name}: no 'Loaded {n} records' line in its log")
            return w, None
        return w, int(m.group(2))

    def s5_startup(self):
        runs = 1 if self.smoke else 5
        launcher = launcher_jvm_options()
        log(f"scenario 5: start-up, {runs} run(s) each, with default JVM options and with run-local.sh's "
            f"({' '.join(launcher)}), ready polled every 10 ms")

        def one(start, path="/q/health/ready"):
            svc = start()
            self.wait_ready([svc], poll=0.01, path=path)
            rss = subprocess.run(["ps", "-o", "rss=", "-p", str(svc.pid)], capture_output=True, text=True)
            with open(svc.logfile, errors="replace") as f:
                m = re.search(r"started in ([\d.]+)s", f.read())
            r = {"ready_s": svc.ready_s, "rss_mb": int(rss.stdout.strip()) / 1024,
                 "quarkus_started_s": float(m.group(1)) if m else None}
            self.stop(svc)
            return r

        def summary(rs, jvm):
            return {"runs": rs, "jvm": list(jvm), "ready_s_median": statistics.median(r["ready_s"] for r in rs),
                    "ready_s_min": min(r["ready_s"] for r in rs),
                    "rss_mb_median": statistics.median(r["rss_mb"] for r in rs)}

        res = {}
        # alternating the two option sets, so a drift of the machine's speed affects both alike
        configs = (("", ()), ("_launcher", tuple(launcher)))
        masters = {key: [] for key, _ in configs}
        for _ in range(runs):
            for key, jvm in configs:
                masters[key].append(one(lambda: self.start_master(name="master-startup", jvm=jvm),
                                       "/q/health/started"))
        master = self.start_master()
        self.wait_ready([master], path="/q/health/started")
        workers = {key: [] for key, _ in configs}
        for _ in range(runs):
            for key, jvm in configs:
                workers[key].append(one(lambda: self.start_worker("am", "worker-am-startup", [master],
                                                                  "data/data-am.json", jvm=jvm)))
        self.stop(master)
        for key, jvm in configs:
            res["master" + key] = summary(masters[key], jvm)
            res["worker" + key] = summary(workers[key], jvm)
        self.results["scenarios"]["5"] = res
        for key, jvm in configs:
            what = "default JVM options" if not jvm else "run-local.sh's JVM options"
            for k in ("master", "worker"):
                x = res[k + key]
                log(f"  {k}, {what}: ready {x['ready_s_median']:.2f} s (median), RSS {x['rss_mb_median']:.0f} MiB")
                self.target(5, f"JVM {k} ready ≤ 0.5 s, {what}", f"{x['ready_s_median']:.2f} s (median of {runs})",
                            x["ready_s_median"] <= 0.5)

    # ---- run --------------------------------------------------------------------------------

    def machine(self):
        def sh(*cmd):
            try:
                p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=30)
                return (p.stdout + p.stderr).strip()
            except (OSError, subprocess.TimeoutExpired):
                return "?"

        cpu = "?"
        mem = "?"
        try:
            with open("/proc/cpuinfo") as f:
                cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
            with open("/proc/meminfo") as f:
                mem = "%.1f GiB" % (int(next(l.split()[1] for l in f if l.startswith("MemTotal"))) / 1048576)
        except (OSError, StopIteration):
            pass

        def jar_time(j):
            try:
                return datetime.datetime.fromtimestamp(os.path.getmtime(os.path.join(ROOT, j))).strftime(
                    "%Y-%m-%d %H:%M")
            except OSError:
                return "?"

        dirty = sh("git", "status", "--porcelain", "--", "master", "worker")
        return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "kernel": platform.release(),
                "java": sh("java", "-version").splitlines()[:3], "haproxy": sh("haproxy", "-v").splitlines()[0],
                "wrk": sh("wrk", "-v").splitlines()[0] if sh("wrk", "-v") else "?",
                "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
                "commit": sh("git", "rev-parse", "--short", "HEAD"),
                "sources_dirty": bool(dirty), "master_jar": jar_time(MASTER_JAR), "worker_jar": jar_time(WORKER_JAR),
                "loadavg_start": os.getloadavg()[0], "smoke": self.smoke, "app_cds": self.app_cds, "duration_s": self.duration,
                "rounds": self.rounds,
                "warmup": "none" if self.smoke else ("5 s runs until two in a row agree on throughput within 10 % and "
                                                     "the JIT compilers of the JVMs on the path use < 5 % of a CPU "
                                                     "(10–120 s)")}

    def run(self, scenarios):
        self.results["meta"] = self.machine()
        table = {1: self.s1_router_overhead, 2: self.s2_scatter, 3: self.s3_balancers, 4: self.s4_data_scale,
                 5: self.s5_startup, 6: self.s6_frozen_replica,
                 7: self.s7_cold_master}
        for s in scenarios:
            t0 = time.monotonic()
            self.results["meta"][f"loadavg_before_s{s}"] = os.getloadavg()[0]
            try:
                table[s]()
            except Exception as e:  # noqa: BLE001 - one broken scenario must not hide the others
                self.fail(f"scenario {s}: {e}")
                traceback.print_exc()
            finally:
                self.stop_all()
            log(f"scenario {s} took {time.monotonic() - t0:.0f} s")
        self.results["meta"]["loadavg_end"] = os.getloadavg()[0]
        self.results["failures"] = self.failures
        with open(os.path.join(self.out, "results.json"), "w") as f:
            json.dump(self.results, f, indent=1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--duration", type=int, default=20)
    p.add_argument("--scenarios", default="1,2,3,4,5,6,7")
    p.add_argument("--rounds", type=int, help="default 3, smoke 1")
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--variants", default=None,
                   help="scenario 7's variants, comma-separated (default all; smoke: "
                        + ",".join(S7_SMOKE_VARIANTS) + "): " + ",".join(S7_VARIANTS))
    p.add_argument("--out", required=True)
    args = p.parse_args()
    if args.variants is None:
        args.variants = ",".join(S7_SMOKE_VARIANTS if args.smoke else S7_VARIANTS)
    args.variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    if not args.variants or any(v not in S7_VARIANTS for v in args.variants):
        sys.exit(f"--variants: expected some of {','.join(S7_VARIANTS)}, got {','.join(args.variants)!r}")
    args.variants = list(dict.fromkeys(args.variants))
    try:
        scenarios = sorted({int(s) for s in args.scenarios.split(",") if s.strip()})
    except ValueError:
        sys.exit(f"--scenarios: expected numbers 1..7, got {args.scenarios!r}")
    if not scenarios or any(s not in range(1, 8) for s in scenarios):
        sys.exit(f"--scenarios: expected numbers 1..7, got {args.scenarios!r}")
    if args.smoke:
        args.duration = 1
    if args.rounds is None:
        args.rounds = 1 if args.smoke else 3
    if args.rounds < 1:
        sys.exit("--rounds must be at least 1")
    if args.duration < 1:
        sys.exit("--duration must be at least 1 second")
    bench = Bench(args)

    def on_signal(signum, _frame):
        bench.stop_all()
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        bench.run(scenarios)
    finally:
        bench.stop_all()
    import report  # noqa: E402 - bench/report.py, next to this file
    if not report.write(bench.out, bench.results):
        bench.failures.append("no chart: a chart could not be drawn (see report: above)")
    if bench.failures:
        print("\nFAILURES:\n  " + "\n  ".join(bench.failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
