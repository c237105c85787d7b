package dev.mw.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGTERM to a master with a query in flight: the query still answers 200 with its records,
 * a new query is refused (503 or connection refused), and the master exits 0 within
 * {@code quarkus.shutdown.timeout} (5 s). The worker answers after {@code mw.fault.delay=1500ms},
 * so the query is surely in flight when the signal arrives.
 */
@ExtendWith(ProcessCleanupExtension.class)
class MasterGracefulStopIT {

    private static final Duration WORKER_DELAY = Duration.ofMillis(1500);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void inFlightQueryAnswersNewQueriesAreRefusedAndTheMasterExitsZero() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder("MasterGracefulStopIT").groups(Map.of("am", "a-m"))
                .workersPerGroup(1)
                .masterProperty("mw.worker-timeout", "3s")
                .workerProperty("mw.fault.delay", WORKER_DELAY.toMillis() + "ms")
                .build()) {
            ServiceProcess master = cluster.master().start();
            ServiceProcess worker = cluster.worker("am", 0).start();
            worker.awaitReady();
            master.awaitReady();
            cluster.awaitRegistered(1);
            assertEquals(200, cluster.client().records("name", "alice").status(), "a first query, warming up");

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest alice = HttpRequest.newBuilder(URI.create(master.baseUrl() + "/api/records?name=alice"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(alice, HttpResponse.BodyHandlers.ofString());
            Poll.until(Duration.ofSeconds(5), () -> workerInFlight(worker) > 0,
                    () -> "the query never reached the worker; master log:\n" + master.logTail(20));

            long signalled = System.nanoTime();
            master.terminate();
            // the master turns unready at once; the query in flight still waits for the worker
            Poll.until(Duration.ofSeconds(1), () -> master.status("/q/health/ready") != 200,
                    () -> "the master is still ready 1 s after SIGTERM; log:\n" + master.logTail(20));
            assertTrue(!inFlight.isDone(), "the query must still be in flight when new ones are refused");
            int refused = master.status("/api/records?name=bob");
            assertTrue(refused == 503 || refused == -1, "a new query after SIGTERM must be refused, was " + refused);

            HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), "the query in flight at SIGTERM: " + answer.body());
            List<String> names = JSON.readTree(answer.body()).path("records").findValuesAsText("name");
            assertEquals(List.of("alice"), names, answer.body());

            int code = master.awaitExit(SHUTDOWN_TIMEOUT.plusSeconds(5));
            Duration stopped = Duration.ofNanos(System.nanoTime() - signalled);
            assertEquals(0, code, "exit code after SIGTERM; log:\n" + master.logTail(20));
            assertTrue(stopped.compareTo(SHUTDOWN_TIMEOUT) < 0,
                    "the master waits for the query, not for the whole shutdown timeout: stopped after "
                            + stopped.toMillis() + " ms");
        }
    }

    private static int workerInFlight(ServiceProcess worker) {
        try {
            HttpResponse<String> load = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(worker.baseUrl() + "/api/load")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return load.statusCode() == 200 ? JSON.readTree(load.body()).path("inFlight").asInt() : -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
