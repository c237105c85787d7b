package dev.mw.e2e;

import static dev.mw.e2e.SeedAnswers.ALICE;
import static dev.mw.e2e.SeedAnswers.KANSAS_CITY;
import static dev.mw.e2e.SeedAnswers.NEW_YORK_2002;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged master and four workers (two per group) as real processes: the seed queries give
 * the original system's answers, and the system survives a killed worker and a worker that starts
 * before the master.
 */
@ExtendWith(ProcessCleanupExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static LocalCluster cluster;
    private static MasterClient master;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.builder("EndToEndIT").workersPerGroup(2).build().start();
        master = cluster.client();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void nameQueryIsAnsweredByTheOwningGroupOnly() {
        Envelope answer = master.query("name", "alice");

        assertEquals(ALICE, answer.records());
        assertComplete(answer, "am");
    }

    @Test
    @Order(2)
    void locationQueryIsGatheredFromEveryGroupInGroupOrder() {
        Envelope answer = master.query("location", "Kansas City");

        assertEquals(KANSAS_CITY, answer.records());
        assertComplete(answer, "am", "nz");
    }

    @Test
    @Order(3)
    void locationAndYearQueryIsGatheredFromEveryGroup() {
        Envelope answer = master.query("location", "New York City", "year", "2002");

        assertEquals(NEW_YORK_2002, answer.records());
        assertComplete(answer, "am", "nz");
    }

    @Test
    @Order(4)
    void nameIsRoutedAfterTrimmingCaseFoldingAndDroppingAccents() {
        Envelope padded = master.query("name", "  ALICE ");
        assertEquals(ALICE, padded.records());
        assertComplete(padded, "am");

        // shipped data: {21, Émile, Paris, 1999}; É routes like e
        Envelope accented = master.query("name", " ÉMILE ");
        assertEquals(List.of(new Person(21, "Émile", "Paris", 1999)), accented.records());
        assertComplete(accented, "am");

        Envelope upperNz = master.query("name", "ZEN");
        assertEquals(List.of(new Person(3, "zen", "Kansas City", 2018)), upperNz.records());
        assertComplete(upperNz, "nz");

        Envelope accentedNz = master.query("name", "Ñobody");
        assertEquals(List.of(), accentedNz.records());
        assertComplete(accentedNz, "nz");
    }

    @Test
    @Order(5)
    void badQueriesAreProblemJson400() {
        assertProblem400(master.records(), null);
        assertProblem400(master.records("year", "20x2"), null);
        assertProblem400(master.records("year", "10000"), null);
        assertProblem400(master.records("name", "   "), null);
        assertProblem400(master.records("location", "x".repeat(257)), null);
        assertProblem400(master.records("name", "42"), "4");
    }

    @Test
    @Order(6)
    void registryListsEveryWorkerAndGroup() {
        JsonNode workers = master.workers();
        List<String> ids = new ArrayList<>();
        workers.forEach(worker -> ids.add(worker.path("id").asText()));
        assertEquals(List.of("worker-am-0", "worker-am-1", "worker-nz-0", "worker-nz-1"),
                ids.stream().sorted().toList(), "registry: " + workers);
        workers.forEach(worker -> assertEquals("UP", worker.path("state").asText(), "registry: " + workers));

        JsonNode groups = master.groups();
        assertEquals(2, groups.size(), "groups: " + groups);
        assertEquals("am", groups.get(0).path("name").asText(), "groups: " + groups);
        assertEquals("a-m", groups.get(0).path("range").asText(), "groups: " + groups);
        assertEquals(2, groups.get(0).path("up").asInt(), "groups: " + groups);
        assertEquals("nz", groups.get(1).path("name").asText(), "groups: " + groups);
        assertEquals(2, groups.get(1).path("up").asInt(), "groups: " + groups);
    }

    @Test
    @Order(7)
    void concurrentNameQueriesAreBatchedAndEachGetsItsOwnAnswer() throws Exception {
        List<String> names = List.of("alice", "zen", "ALICE", "Émile", "deep", "rakin", "nobody", "symon");
        Map<String, List<Person>> alone = new HashMap<>();
        for (String name : names) {
            alone.put(name, master.query("name", name).records());
        }
        double callsBefore = metric("mw_master_batch_queries_count");
        double queriesBefore = metric("mw_master_batch_queries_sum");
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> checks = new ArrayList<>();
            for (int i = 0; i < 16 * 40; i++) {
                String name = names.get(i % names.size());
                checks.add(clients.submit(() -> {
                    Envelope answer = master.query("name", name);
                    return answer.records().equals(alone.get(name)) ? null
                            : name + ": " + answer.records() + " instead of " + alone.get(name);
                }));
            }
            for (Future<String> check : checks) {
                String wrong = check.get(60, TimeUnit.SECONDS);
                assertEquals(null, wrong, "a concurrent query got another query's answer");
            }
        } finally {
            clients.shutdownNow();
        }
        double calls = metric("mw_master_batch_queries_count") - callsBefore;
        double queries = metric("mw_master_batch_queries_sum") - queriesBefore;
        assertTrue(calls > 0 && queries > calls, queries + " name queries in " + calls
                + " calls to workers: none was batched with the shipped defaults");
    }

    /** The sum of a metric's series in the master's Prometheus text. */
    private static double metric(String name) {
        return master.get("/q/metrics").body().lines().filter(l -> l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    @Order(90)
    void killedWorkersDoNotFailTheNextQueries() {
        ServiceProcess killedAm = cluster.worker("am", 0);
        ServiceProcess killedNz = cluster.worker("nz", 1);
        killedAm.kill();
        killedNz.kill();

        for (int round = 0; round < 50; round++) {
            Envelope byName = master.query("name", "alice");
            assertEquals(ALICE, byName.records(), "round " + round);
            assertComplete(byName, "am");

            Envelope scattered = master.query("location", "Kansas City");
            assertEquals(KANSAS_CITY, scattered.records(), "round " + round);
            assertComplete(scattered, "am", "nz");
        }

        killedAm.start().awaitReady();
        killedNz.start().awaitReady();
        cluster.awaitRegistered(4);
        assertEquals(KANSAS_CITY, master.query("location", "Kansas City").records());
    }

    @Test
    @Order(100)
    void workerStartedBeforeTheMasterRegistersOnceTheMasterIsUp() {
        try (LocalCluster late = LocalCluster.builder("MasterStartsLast").workersPerGroup(1).build()) {
            for (ServiceProcess worker : late.workers()) {
                worker.start();
            }
            for (ServiceProcess worker : late.workers()) {
                worker.awaitLive();
                assertNotEquals(200, worker.status("/q/health/ready"),
                        worker.name() + " must not be ready while no master knows it");
            }
            // let each worker fail at least one registration attempt (heartbeat 1 s)
            Poll.sleep(Duration.ofSeconds(2));
            assertTrue(late.workers().stream().allMatch(ServiceProcess::isAlive),
                    "a worker must keep retrying, not exit, while the master is away");

            late.master().start().awaitReady();
            late.awaitRegistered(2);
            late.workers().forEach(ServiceProcess::awaitReady);

            MasterClient lateMaster = late.client();
            assertEquals(ALICE, lateMaster.query("name", "alice").records());
            assertEquals(KANSAS_CITY, lateMaster.query("location", "Kansas City").records());
        }
    }

    /** Not partial, every group in {@code groups} asked once (in this order) and answered ok. */
    static void assertComplete(Envelope answer, String... groups) {
        String context = "envelope: " + answer;
        assertFalse(answer.partial(), context);
        assertEquals(groups.length, answer.shards().total(), context);
        assertEquals(groups.length, answer.shards().successful(), context);
        assertEquals(0, answer.shards().failed(), context);
        assertEquals(List.of(groups), answer.groups(), context);
        for (Envelope.ShardDetail detail : answer.shards().details()) {
            assertEquals("ok", detail.status(), context);
            assertTrue(detail.worker() != null && detail.worker().startsWith("worker-" + detail.group() + "-"),
                    context);
        }
    }

    /** A 400 {@code application/problem+json} with status, title and detail (containing {@code inDetail}). */
    static void assertProblem400(MasterClient.Reply reply, String inDetail) {
        String context = "reply: " + reply;
        assertEquals(400, reply.status(), context);
        assertTrue(reply.contentType().startsWith("application/problem+json"), context);
        JsonNode problem = reply.json();
        assertEquals(400, problem.path("status").asInt(), context);
        assertFalse(problem.path("title").asText().isBlank(), context);
        assertFalse(problem.path("detail").asText().isBlank(), context);
        if (inDetail != null) {
            assertTrue(problem.path("detail").asText().contains(inDetail), context);
        }
    }
}
