package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.registerFake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeWorkerResource;
import dev.mw.master.support.FakeWorkerResource.Behaviour;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code mw.hedge-after}, a name query whose first call hangs is answered by the hedge. */
@QuarkusTest
@TestProfile(HedgingTest.Hedging.class)
class HedgingTest {

    public static class Hedging implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.hedge-after", "50ms", "mw.worker-timeout", "10s");
        }
    }

    @Inject
    WorkerRegistry registry;

    @Test
    void aHungFirstCallIsOvertakenByTheHedge() {
        MasterApi.clear(registry);
        registerFake("am-0");
        registerFake("am-1");
        FakeWorkerResource.BEHAVIOUR.put("am-0", Behaviour.HANG);
        for (int i = 0; i < 6; i++) {
            long took = given().queryParam("name", "alice").get("/api/records").then().statusCode(200)
                    .body("records.name", contains("alice"))
                    .body("shards.details[0].worker", is("am-1"))
                    .extract().time();
            assertTrue(took < FakeWorkerResource.HANG_TIME.toMillis() - 1_000,
                    "answered by the hedge, not after the hang: " + took + " ms");
        }
        given().get("/q/metrics").then().body(containsString("mw_master_hedges_total{group=\"am\"}"));
    }
}
