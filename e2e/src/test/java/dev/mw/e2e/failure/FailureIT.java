package dev.mw.e2e.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mw.e2e.LocalCluster;
import dev.mw.e2e.MasterClient;
import dev.mw.e2e.Poll;
import dev.mw.e2e.ProcessCleanupExtension;
import dev.mw.e2e.RepoLayout;
import dev.mw.e2e.ServiceProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The master keeps answering while workers crash, hang, fail, slow down or roll, and while it
 * restarts itself: each scenario starts its own cluster (a master and two workers per group, as
 * real processes, heartbeat 1 s, lease 3 s, {@code mw.worker-timeout=1s} so a query's deadline is
 * 2 s), drives a bounded load of {@value #CLIENTS} concurrent clients sending mixed name and
 * scatter queries, hurts the cluster mid-load and asserts counts and shares: failed queries, the
 * hurt replica's share of its group's answers, registration after a restart. Latency is asserted
 * only against the bound the design promises (one timeout plus one retry), never for speed.
 *
 * <p>Each scenario prints one summary line and appends it to {@code e2e/target/failure-summary.md};
 * the services' logs are in {@code e2e/target/e2e-logs/FailureIT/<scenario>/}.
 */
@ExtendWith(ProcessCleanupExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class FailureIT {

    static final int CLIENTS = 16;
    /** One worker timeout (1 s) plus one retry, with room for a machine shared with builds. */
    static final double P99_BOUND_MS = 2_500;
    /** The query deadline (2 × the worker timeout) plus slack: no query may take longer. */
    static final double MAX_BOUND_MS = 4_000;
    static final double BAD_SHARE_BOUND = 0.10;
    /** Heartbeat 1 s: two heartbeats, plus slack for polling and a busy machine. */
    static final Duration REREGISTRATION_BOUND = Duration.ofSeconds(3);
    private static final Duration RUN_CAP = Duration.ofSeconds(90);
    /** A restarted replica's estimate decays with a 2 s time constant from twice its peer's. */
    static final Duration BACK_IN_SERVICE_BOUND = Duration.ofSeconds(15);

    private LocalCluster cluster;

    @AfterEach
    void killCluster() {
        if (cluster != null) {
            cluster.workers().forEach(ServiceProcess::kill);
            cluster.master().kill();
        }
    }

    @Test
    @Order(1)
    @DisplayName("1. SIGKILL one replica mid-load: no query fails")
    void killedReplicaCostsNoQuery() {
        cluster = start("1-sigkill-replica", c -> { });
        ServiceProcess victim = cluster.worker("am", 1);
        String id = LocalCluster.workerId("am", 1);

        List<Sample> samples;
        long killedAt;
        try (LoadDriver load = load(3_000)) {
            load.awaitCompleted(1_000);
            victim.kill();
            killedAt = System.nanoTime();
            samples = load.await();
        }

        LoadSummary all = LoadSummary.of(samples);
        LoadSummary before = LoadSummary.of(filter(samples, s -> !s.startedAfter(killedAt)));
        LoadSummary after = LoadSummary.of(filter(samples, s -> s.startedAfter(killedAt)
                && !sharedACallFromBefore(s, killedAt, id)));
        FailureReport.row("1 SIGKILL one replica", all, id, after.share("am", id),
                String.format("killed after %d queries; its share before: %.1f %%", before.sent(),
                        before.share("am", id) * 100));

        assertNoFailures(all, samples);
        assertTrue(before.share("am", id) > 0, id + " answered nothing before it was killed: " + before);
        assertEquals(0, after.answeredBy().getOrDefault(id, 0L), "a killed replica cannot answer: " + after);
    }

    @Test
    @Order(2)
    @DisplayName("2. SIGSTOP one replica mid-load, SIGCONT later: no query fails, p99 within one timeout plus a retry, the replica serves again")
    void frozenReplicaCostsAtMostOneTimeout() {
        cluster = start("2-sigstop-replica", c -> { });
        ServiceProcess victim = cluster.worker("am", 1);
        String id = LocalCluster.workerId("am", 1);
        MasterClient master = cluster.client();

        List<Sample> samples;
        long frozenAt;
        long resumedAt;
        long backAt;
        String seen;
        try (LoadDriver load = load(30_000); RegistryWatch watch = RegistryWatch.start(master)) {
            load.awaitCompleted(1_000);
            victim.freeze();
            frozenAt = System.nanoTime();
            // longer than the 3 s lease: the master drops it, and it must register again
            Poll.sleep(Duration.ofSeconds(4));
            victim.resume();
            resumedAt = System.nanoTime();
            Poll.until(Duration.ofSeconds(20), () -> "UP".equals(ClusterProbe.state(master, id).orElse("")),
                    () -> id + " not UP again after SIGCONT; registry: " + ClusterProbe.registry(master));
            backAt = System.nanoTime();
            load.awaitMore(2_000);
            samples = load.stop();
            seen = id + " seen as " + watch.seen(id);
        }

        LoadSummary all = LoadSummary.of(samples);
        LoadSummary frozen = LoadSummary.of(filter(samples, s -> s.startedAfter(frozenAt) && !s.startedAfter(resumedAt)
                && !sharedACallFromBefore(s, frozenAt, id)));
        LoadSummary later = LoadSummary.of(filter(samples, s -> s.startedAfter(backAt)));
        FailureReport.row("2 SIGSTOP one replica, SIGCONT after 4 s", all, id, later.share("am", id),
                String.format("its share once UP again (%d queries, UP %d ms after SIGCONT); %d queries while"
                        + " frozen, p99 %.0f ms; %s", later.sent(), (backAt - resumedAt) / 1_000_000, frozen.sent(),
                        frozen.p99(), seen));

        assertNoFailures(all, samples);
        assertLatencyBound(all);
        assertEquals(0, frozen.answeredBy().getOrDefault(id, 0L), "a frozen replica cannot answer: " + frozen);
        assertTrue(later.share("am", id) > 0, id + " answered nothing after it resumed: " + later);
        assertEquals(Optional.of("UP"), ClusterProbe.state(master, id), "registry: " + ClusterProbe.registry(master));
    }

    @Test
    @Order(3)
    @DisplayName("3. One replica fails half its answers: it is ejected, gets under 10 % of its group's answers, no query fails")
    void failingReplicaIsEjected() {
        String id = LocalCluster.workerId("am", 1);
        // round-robin, so that only ejection and the breaker can keep the replica out: p2c-ewma
        // doubles a failing replica's latency estimate and starves it of calls before either has
        // seen enough of them (seen in CI: 0.9 % of its group's calls, never ejected), which is
        // what scenario 4 shows for a slow replica
        cluster = start("3-error-rate", c -> {
            c.worker("am", 1).property("mw.fault.error-rate", "0.5");
            c.master().property("mw.balancer", "round-robin");
        });
        MasterClient master = cluster.client();

        List<Sample> samples;
        boolean takenOut;
        String seen;
        try (RegistryWatch watch = RegistryWatch.start(master); LoadDriver load = load(6_000)) {
            samples = load.await();
            Poll.sleep(Duration.ofMillis(300)); // one more look at the registry
            takenOut = watch.takenOut(id);
            seen = id + " seen as " + watch.seen(id) + ", ejections up to " + watch.maxEjections(id);
        }

        LoadSummary all = LoadSummary.of(samples);
        Map<String, Long> served = ClusterProbe.served(List.of(cluster.worker("am", 0), cluster.worker("am", 1)));
        double traffic = served.get(id) / (double) served.values().stream().mapToLong(Long::longValue).sum();
        FailureReport.row("3 one replica with error-rate 0.5, round-robin", all, id, all.share("am", id),
                String.format("its successful answers: %.1f %% of its group's (served counts no 500s); %s", traffic * 100, seen));

        assertNoFailures(all, samples);
        assertTrue(all.share("am", id) < BAD_SHARE_BOUND, id + " answered too much: " + all);
        assertTrue(takenOut, "the failing replica was never ejected nor its breaker open: " + seen
                + "; registry: " + ClusterProbe.registry(master));
    }

    @Test
    @Order(4)
    @DisplayName("4. One replica 10x slower than its peer: under 10 % of its group's answers once latency is learned")
    void slowReplicaLosesTraffic() {
        String id = LocalCluster.workerId("am", 1);
        cluster = start("4-slow-replica", c -> c.worker("am", 1).property("mw.fault.delay", "50ms"),
                "mw.fault.delay", "5ms");

        List<Sample> samples;
        try (LoadDriver load = load(6_000)) {
            samples = load.await();
        }

        LoadSummary all = LoadSummary.of(samples);
        LoadSummary secondHalf = LoadSummary.of(samples.subList(samples.size() / 2, samples.size()));
        String estimates = ClusterProbe.latencies(cluster.client());
        String timeline = LoadSummary.timeline(samples, "am", id, Duration.ofSeconds(5));
        FailureReport.row("4 one replica 50 ms, its peer 5 ms", all, id, secondHalf.share("am", id),
                "share in the second half; per 5 s: " + timeline + "; master's estimates at the end: " + estimates);

        assertNoFailures(all, samples);
        assertTrue(secondHalf.share("am", id) < BAD_SHARE_BOUND, String.format("%s (50 ms) still answers %.1f %% of"
                + " group am in the second half of %.0f s of load; share per 5 s: %s; the master's latency"
                + " estimates at the end: %s; %s", id, secondHalf.share("am", id) * 100, all.seconds(), timeline,
                estimates, secondHalf));
    }

    @Test
    @Order(5)
    @DisplayName("5. SIGKILL the master and restart it: every worker registered again within two heartbeats")
    void restartedMasterIsRejoinedWithinTwoHeartbeats() {
        cluster = start("5-master-restart", c -> { });
        ServiceProcess master = cluster.master();
        MasterClient client = cluster.client();

        List<Sample> warmUp;
        try (LoadDriver load = load(1_000)) {
            warmUp = load.await();
        }
        assertNoFailures(LoadSummary.of(warmUp), warmUp);

        master.kill();
        master.start();
        long readyAt = ClusterProbe.awaitReadyClosely(master);
        Poll.until(LocalCluster.REGISTRATION_TIMEOUT, () -> ClusterProbe.upWorkers(client) >= cluster.workerCount(),
                () -> "workers did not register again; registry: " + ClusterProbe.registry(client));
        Duration rejoined = Duration.ofNanos(System.nanoTime() - readyAt);

        List<Sample> samples;
        try (LoadDriver load = load(2_000)) {
            samples = load.await();
        }
        LoadSummary after = LoadSummary.of(samples);
        FailureReport.row("5 SIGKILL + restart the master", after, "master", Double.NaN,
                String.format("all 4 workers UP %d ms after the master was ready (bound %d ms); load after it",
                        rejoined.toMillis(), REREGISTRATION_BOUND.toMillis()));

        assertTrue(rejoined.compareTo(REREGISTRATION_BOUND) <= 0, "workers registered again only "
                + rejoined.toMillis() + " ms after the master was ready");
        assertNoFailures(after, samples);
    }

    @Test
    @Order(6)
    @DisplayName("6. Every replica of group nz gone (one SIGKILL, one SIGSTOP): nz names 503 within the deadline, am unaffected, scatter partial or 503 with allowPartial=false")
    void lostGroupIsUnavailableWithinTheDeadline() {
        cluster = start("6-group-down", c -> { });
        List<Sample> samples;
        long downAt;
        try (LoadDriver load = load(3_000)) {
            load.awaitCompleted(600);
            cluster.worker("nz", 0).kill();
            cluster.worker("nz", 1).freeze();
            downAt = System.nanoTime();
            samples = load.await();
        }

        List<Sample> before = filter(samples, s -> s.endNanos() - downAt < 0);
        List<Sample> after = filter(samples, s -> s.startedAfter(downAt)
                && !sharedACallFromBefore(s, downAt, LocalCluster.workerId("nz", 0), LocalCluster.workerId("nz", 1)));
        LoadSummary summary = LoadSummary.of(after, FailureIT::rightWhileNzIsDown);
        List<Sample> nzNames = filter(after, s -> s.query().byName() && s.query().groups().equals(List.of("nz")));
        LoadSummary nz = LoadSummary.of(nzNames, FailureIT::rightWhileNzIsDown);
        long partial = after.stream().filter(s -> s.status() == 200 && s.envelope().partial()).count();
        long strict503 = after.stream().filter(s -> s.query().strict() && s.status() == 503).count();
        FailureReport.row("6 group nz down (SIGKILL + SIGSTOP)", summary, "worker-nz-0, worker-nz-1", Double.NaN,
                String.format("after the loss: %d nz names 503 (p99 %.0f ms, max %.0f ms), %d scatter 200 partial,"
                        + " %d allowPartial=false 503", nzNames.size(), nz.p99(), nz.maxMs(), partial, strict503));

        assertNoFailures(LoadSummary.of(before), before);
        List<Sample> wrong = filter(after, s -> !rightWhileNzIsDown(s));
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " of " + after.size() + " queries after group nz went down were not answered as"
                    + " expected (am names 200, nz names 503 within " + MAX_BOUND_MS + " ms, scatter 200 partial,"
                    + " allowPartial=false 503); first:\n" + describe(wrong) + logHint());
        }
        assertTrue(nz.p99() < P99_BOUND_MS, "nz names got their 503 too late: " + nz);
        assertTrue(nzNames.size() > 0 && partial > 0 && strict503 > 0, "each kind of query must be seen: " + summary);
    }

    @Test
    @Order(7)
    @DisplayName("7. Roll every group's workers one by one, the groups side by side as their StatefulSets roll"
            + " (SIGTERM, start, ready) under load: no query fails")
    void rollingRestartCostsNoQuery() {
        cluster = start("7-rolling-restart", c -> { });
        List<String> groups = List.of("am", "nz");
        Map<String, Long> restartedAt = new LinkedHashMap<>();
        List<Sample> samples;
        try (LoadDriver load = load(60_000)) {
            load.awaitCompleted(500);
            for (int i = 0; i < 2; i++) {
                int replica = i;
                List<ServiceProcess> rolled = groups.stream().map(group -> cluster.worker(group, replica)).toList();
                rolled.forEach(ServiceProcess::terminate); // both SIGTERMs first: the two stop side by side, as in LocalCluster.close
                rolled.forEach(ServiceProcess::stop);
                rolled.forEach(ServiceProcess::start);
                rolled.forEach(ServiceProcess::awaitReady);
                cluster.awaitRegistered(cluster.workerCount());
                long at = System.nanoTime();
                groups.forEach(group -> restartedAt.put(LocalCluster.workerId(group, replica), at));
            }
            // the last replicas start cold and slow (slow start): under load each must be back in
            // service within a bounded time, not within a fixed number of queries
            for (String group : groups) {
                String last = LocalCluster.workerId(group, 1);
                Poll.until(BACK_IN_SERVICE_BOUND, () -> load.answeredBy(group, last, restartedAt.get(last)),
                        () -> last + " answered no query within " + BACK_IN_SERVICE_BOUND + " of its restart");
            }
            load.awaitMore(500);
            samples = load.stop();
        }

        LoadSummary all = LoadSummary.of(samples);
        Map<String, Double> sharesAfter = new LinkedHashMap<>();
        restartedAt.forEach((id, at) -> sharesAfter.put(id,
                LoadSummary.of(filter(samples, s -> s.startedAfter(at))).share(id.split("-")[1], id)));
        FailureReport.row("7 rolling restart of all 4 workers", all, "one per group at a time", Double.NaN,
                "share of each after its restart: " + sharesAfter.entrySet().stream()
                        .map(e -> String.format("%s %.1f %%", e.getKey(), e.getValue() * 100))
                        .collect(Collectors.joining(", ")));

        assertNoFailures(all, samples);
        sharesAfter.forEach((id, share) -> assertTrue(share > 0, id + " answered nothing after its restart"));
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Builds a cluster named {@code FailureIT/<label>}, lets {@code adjust} change single processes, starts it. */
    private static LocalCluster start(String label, Consumer<LocalCluster> adjust, String... workerProperties) {
        LocalCluster.Builder builder = LocalCluster.builder("FailureIT/" + label).workersPerGroup(2);
        for (int i = 0; i < workerProperties.length; i += 2) {
            builder.workerProperty(workerProperties[i], workerProperties[i + 1]);
        }
        LocalCluster built = builder.build();
        adjust.accept(built);
        return built.start();
    }

    private LoadDriver load(int maxQueries) {
        return new LoadDriver(cluster.client().baseUrl(), CLIENTS, maxQueries, RUN_CAP, LoadQuery.standardMix())
                .start();
    }

    /**
     * Identical name queries share one call in flight, so a query sent just after a replica was
     * lost may take the answer that replica gave before it: a right answer from one of the
     * {@code lost} replicas that came within one worker timeout of the loss, when every call in
     * flight at that moment has ended. Later answers from them are no longer possible.
     */
    private static boolean sharedACallFromBefore(Sample s, long lostAt, String... lost) {
        return s.query().byName() && s.ok() && s.endNanos() - lostAt < LocalCluster.WORKER_TIMEOUT.toNanos()
                && s.answeredBy(s.query().groups().get(0)).filter(List.of(lost)::contains).isPresent();
    }

    /** While group nz is gone: am names complete, nz names 503 in time, scatter partial (or 503 when strict). */
    private static boolean rightWhileNzIsDown(Sample s) {
        LoadQuery query = s.query();
        if (query.byName() && query.groups().equals(List.of("am"))) {
            return s.ok();
        }
        if (query.byName() || query.strict()) {
            return s.status() == 503 && "Worker group unavailable".equals(s.problemTitle())
                    && s.problemDetail().contains("nz") && s.latencyMs() < MAX_BOUND_MS;
        }
        return s.status() == 200 && s.envelope().partial()
                && s.okGroups().equals(List.of("am"))
                && s.envelope().groups().equals(List.of("am", "nz"))
                && s.detail("nz").map(d -> "failed".equals(d.status())).orElse(false)
                && s.correctRecords();
    }

    private static void assertNoFailures(LoadSummary summary, List<Sample> samples) {
        List<Sample> failed = filter(samples, s -> !s.ok());
        if (!failed.isEmpty()) {
            fail(failed.size() + " of " + samples.size() + " queries failed (" + summary + "); first:\n"
                    + describe(failed) + logHint());
        }
        assertEquals(0, summary.failed(), summary.toString());
    }

    private static void assertLatencyBound(LoadSummary summary) {
        assertTrue(summary.p99() < P99_BOUND_MS, "p99 above one timeout plus one retry: " + summary);
        assertTrue(summary.maxMs() < MAX_BOUND_MS, "a query took longer than the deadline allows: " + summary);
    }

    private static String describe(List<Sample> samples) {
        return samples.stream().limit(10).map(Sample::describe).collect(Collectors.joining("\n"));
    }

    private static String logHint() {
        return "\nlogs: " + RepoLayout.logDir().resolve("FailureIT");
    }

    private static List<Sample> filter(List<Sample> samples, Predicate<Sample> keep) {
        return samples.stream().filter(keep).toList();
    }
}
