package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.registerFake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isOneOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeWorkerResource;
import dev.mw.master.support.FakeWorkerResource.Behaviour;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A replica that fails every other call never fails three times in a row, so outlier ejection
 * does not catch it; its own circuit breaker does, and the listing says so. Round-robin keeps
 * sending it traffic so the breaker sees enough calls.
 */
@QuarkusTest
@TestProfile(CircuitBreakerTest.RoundRobin.class)
class CircuitBreakerTest {

    public static class RoundRobin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.balancer", "round-robin");
        }
    }

    @Inject
    WorkerRegistry registry;

    @Test
    void aFlakyReplicaTripsItsOwnBreakerAndQueriesStillSucceed() {
        MasterApi.clear(registry);
        registerFake("nz-0");
        registerFake("nz-1");
        FakeWorkerResource.BEHAVIOUR.put("nz-0", Behaviour.FLAKY);
        for (int i = 0; i < 40; i++) {
            given().queryParam("name", "zen").get("/api/records").then().statusCode(200)
                    .body("records.name", contains("zen"));
        }
        given().get("/api/workers").then().statusCode(200)
                .body("find { it.id == 'nz-0' }.breaker", isOneOf("OPEN", "HALF_OPEN"))
                .body("find { it.id == 'nz-0' }.state", is("SUSPECT"))
                .body("find { it.id == 'nz-1' }.breaker", is("CLOSED"))
                .body("find { it.id == 'nz-1' }.state", is("UP"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String gauges = metrics.lines().filter(l -> l.startsWith("mw_master_instance_")).collect(Collectors.joining("\n"));
        // open, or half-open when a slow run outlasted the breaker's 5 s delay: not closed either way
        assertTrue(metrics.contains("mw_master_instance_breaker_open{group=\"nz\",worker=\"nz-0\"} 1.0")
                || metrics.contains("mw_master_instance_breaker_open{group=\"nz\",worker=\"nz-0\"} 2.0"), gauges);
        assertTrue(metrics.contains("mw_master_instance_up{group=\"nz\",worker=\"nz-1\"} 1.0"), "up gauge");
        assertTrue(metrics.contains("mw_master_calls_seconds_count{group=\"nz\",outcome=\"error\",worker=\"nz-0\"}"),
                "per-instance call timer");
    }
}
