package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.registerFake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeWorkerResource;
import dev.mw.master.support.FakeWorkerResource.Behaviour;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import dev.mw.master.support.Poll;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Beyond mw.max-concurrent-queries the master answers 503 with Retry-After at once. */
@QuarkusTest
@TestProfile(OverloadTest.TwoAtOnce.class)
class OverloadTest {

    public static class TwoAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.max-concurrent-queries", "2", "mw.worker-timeout", "10s");
        }
    }

    @Inject
    WorkerRegistry registry;

    @Test
    void theThirdConcurrentQueryIsRefusedAtOnceAndTheSlotsComeBack() {
        MasterApi.clear(registry);
        registerFake("am-0");
        FakeWorkerResource.BEHAVIOUR.put("am-0", Behaviour.HANG);
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/api/records?name=alice");
        List<CompletableFuture<HttpResponse<String>>> slow = IntStream.range(0, 2)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        Poll.until(() -> FakeWorkerResource.calls("am-0") == 2, Duration.ofSeconds(10), "two queries at the worker");

        given().queryParam("name", "bill").get("/api/records").then().statusCode(503)
                .header("Retry-After", "1").contentType("application/problem+json")
                .body("title", is("Overloaded")).body("detail", containsString("mw.max-concurrent-queries"));

        slow.forEach(f -> assertEquals(200, f.join().statusCode()));
        FakeWorkerResource.BEHAVIOUR.remove("am-0");
        given().queryParam("name", "bill").get("/api/records").then().statusCode(200);
        // a rejected bad query does not leak a slot
        for (int i = 0; i < 3; i++) {
            given().queryParam("name", "7of9").get("/api/records").then().statusCode(400);
        }
        given().queryParam("name", "bill").get("/api/records").then().statusCode(200);
    }
}
