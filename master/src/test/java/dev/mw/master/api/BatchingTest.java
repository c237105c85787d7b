package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.registerFake;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeWorkerResource;
import dev.mw.master.support.FakeWorkerResource.Behaviour;
import dev.mw.master.support.Poll;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batching over real HTTP: concurrent name queries to one slow replica go out as batches to its
 * {@code POST /api/records/batch}, and each client still gets its own answer.
 */
@QuarkusTest
@TestProfile(BatchingTest.Batching.class)
class BatchingTest {

    private static final int CLIENTS = 12;

    public static class Batching implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.batch.enabled", "true", "mw.worker-timeout", "10s");
        }
    }

    @Inject
    WorkerRegistry registry;

    @Inject
    MeterRegistry meters;

    private ExecutorService clients;

    @BeforeEach
    void oneSlowReplica() {
        MasterApi.clear(registry);
        FakeWorkerResource.reset();
        registerFake("am-0");
        registerFake("nz-0");
        FakeWorkerResource.BEHAVIOUR.put("am-0", Behaviour.SLOW);
        clients = Executors.newFixedThreadPool(CLIENTS);
    }

    @AfterEach
    void stopClients() throws InterruptedException {
        clients.shutdownNow();
        clients.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void concurrentNameQueriesGoOutTogetherAndEachGetsItsOwnRecords() {
        List<String> names = List.of("alice", "bill", "deep", "nobody");
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS * 4; i++) {
            String name = names.get(i % names.size());
            answers.add(CompletableFuture.supplyAsync(() -> given().queryParam("name", name).get("/api/records"), clients));
        }
        for (int i = 0; i < answers.size(); i++) {
            Response answer = answers.get(i).join();
            assertEquals(200, answer.statusCode(), answer.asString());
            String name = names.get(i % names.size());
            List<String> got = answer.jsonPath().getList("records.name");
            assertEquals(name.equals("nobody") ? List.of() : List.of(name), got, "answer to query " + i + " for " + name);
        }
        List<Integer> batches = FakeWorkerResource.BATCHES.getOrDefault("am-0", List.of());
        assertTrue(batches.stream().anyMatch(size -> size > 1), "no batch of more than one query: " + batches);
        double perCall = meters.find("mw.master.batch.queries").tag("group", "am").summary().mean();
        assertTrue(perCall > 1, "queries per call " + perCall);
        assertTrue(FakeWorkerResource.calls("am-0") < CLIENTS * 4,
                FakeWorkerResource.calls("am-0") + " calls for " + CLIENTS * 4 + " queries");
    }

    @Test
    void aQueryRefusedInsideABatchIsRefusedAloneWithTheWorkersReason() {
        FakeWorkerResource.BEHAVIOUR.put("am-0", Behaviour.HANG);
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                () -> given().queryParam("name", "alice").get("/api/records"), clients);
        // the second and third wait for the hung first call, then go out as one batch that is refused
        Poll.until(() -> FakeWorkerResource.calls("am-0") == 1, Duration.ofSeconds(10), "the first call at am-0");
        FakeWorkerResource.BEHAVIOUR.put("am-0", Behaviour.REFUSE);
        CompletableFuture<Response> second = CompletableFuture.supplyAsync(
                () -> given().queryParam("name", "bill").get("/api/records"), clients);
        CompletableFuture<Response> third = CompletableFuture.supplyAsync(
                () -> given().queryParam("name", "deep").get("/api/records"), clients);
        Response firstAnswer = first.join();
        assertEquals(200, firstAnswer.statusCode(), firstAnswer.asString());
        for (Response refused : List.of(second.join(), third.join())) {
            assertEquals(400, refused.statusCode(), refused.asString());
            assertTrue(refused.asString().contains(FakeWorkerResource.REFUSAL), refused.asString());
        }
        assertEquals(List.of(2), FakeWorkerResource.BATCHES.get("am-0"), "the two went out as one batch");
    }

    @Test
    void aQueryOnAnIdleReplicaGoesOutAloneAsAGet() {
        FakeWorkerResource.BEHAVIOUR.remove("am-0");
        for (int i = 0; i < 5; i++) {
            given().queryParam("name", "alice").get("/api/records").then().statusCode(200);
        }
        assertEquals(5, FakeWorkerResource.calls("am-0"));
        assertEquals(List.of(), FakeWorkerResource.BATCHES.getOrDefault("am-0", List.of()), "no batch when idle");
    }
}
