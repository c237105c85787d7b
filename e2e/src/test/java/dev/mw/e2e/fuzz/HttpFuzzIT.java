package dev.mw.e2e.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mw.e2e.LocalCluster;
import dev.mw.e2e.MasterClient;
import dev.mw.e2e.ProcessCleanupExtension;
import dev.mw.e2e.SeedAnswers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 10 000 hostile requests against a running master and worker: no 500, no request slower than
 * the worker timeout, and both still answer the seed queries afterwards.
 */
@ExtendWith(ProcessCleanupExtension.class)
class HttpFuzzIT {

    private static final int REQUESTS = 10_000;
    private static final int CLIENTS = 4;
    private static final String TOKEN = "fuzz-token";
    /** The cluster's mw.worker-timeout is 1 s: no answer may take longer than that. */
    private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Test
    void hostileRequestsNeverCauseA500OrAHang() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder("HttpFuzzIT").workersPerGroup(1)
                .masterProperty("mw.token", TOKEN).workerProperty("mw.token", TOKEN)
                .masterProperty("mw.registry.rate-limit", "600").build().start()) {
            int masterPort = cluster.master().port();
            int workerPort = cluster.worker("am", 0).port();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicLong slowest = new AtomicLong();
            AtomicInteger sent = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new java.util.ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long seed = 1_000 + c;
                clients.add(pool.submit(() -> {
                    RequestFuzzer fuzzer = new RequestFuzzer(seed, TOKEN);
                    for (int i = 0; i < REQUESTS / CLIENTS; i++) {
                        int port = i % 10 < 7 ? masterPort : workerPort;
                        RawHttp.Outcome outcome = RawHttp.send(port, fuzzer.next(), 5_000);
                        statuses.computeIfAbsent(outcome.status(), s -> new AtomicInteger()).incrementAndGet();
                        slowest.accumulateAndGet(outcome.nanos(), Math::max);
                        sent.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();

            Map<Integer, Integer> seen = new TreeMap<>();
            statuses.forEach((status, count) -> seen.put(status, count.get()));
            String summary = "sent " + sent.get() + ", statuses " + seen + ", slowest "
                    + TimeUnit.NANOSECONDS.toMillis(slowest.get()) + " ms";
            System.out.println("HttpFuzzIT: " + summary);
            assertEquals(REQUESTS, sent.get());
            assertTrue(seen.keySet().stream().noneMatch(s -> s >= 500 && s != 503), "no 5xx but 503: " + summary);
            assertTrue(!seen.containsKey(0), "no request went unanswered: " + summary);
            assertTrue(slowest.get() < MAX_NANOS, "no request over the worker timeout: " + summary);
            assertTrue(cluster.master().isAlive() && cluster.worker("am", 0).isAlive(), "both still running");

            removeFuzzRegistrations(cluster);
            MasterClient master = cluster.client();
            assertEquals(SeedAnswers.ALICE, master.records("name", "alice").envelope().records());
            assertEquals(SeedAnswers.KANSAS_CITY, master.records("location", "Kansas City").envelope().records());
            assertEquals(200, cluster.worker("am", 0).status("/api/records?name=alice"));
        }
    }

    /** Registrations the fuzzer got through (it knows the token) are removed before the seed check. */
    private static void removeFuzzRegistrations(LocalCluster cluster) throws IOException, InterruptedException {
        Set<String> real = Set.of(LocalCluster.workerId("am", 0), LocalCluster.workerId("nz", 0));
        HttpClient http = HttpClient.newHttpClient();
        String base = cluster.master().baseUrl();
        JsonNode workers = cluster.client().get("/api/workers").json();
        for (JsonNode worker : workers) {
            String id = worker.get("id").asText();
            if (!real.contains(id)) {
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/workers/" + id)).DELETE()
                        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.discarding());
            }
        }
    }
}
