package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.registerFake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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

/**
 * A hedge the worker refuses ends the race: the refusal is the query's answer, at once, instead of
 * waiting for the hung first call. Round-robin makes every other query's first call the hung one.
 */
@QuarkusTest
@TestProfile(HedgedRefusalTest.HedgingRoundRobin.class)
class HedgedRefusalTest {

    public static class HedgingRoundRobin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.hedge-after", "50ms", "mw.worker-timeout", "10s", "mw.balancer", "round-robin");
        }
    }

    @Inject
    WorkerRegistry registry;

    @Test
    void aRefusedHedgeAnswersTheQueryWithoutWaitingForTheHungCall() {
        MasterApi.clear(registry);
        registerFake("am-0");
        registerFake("am-1");
        FakeWorkerResource.BEHAVIOUR.put("am-0", Behaviour.HANG);
        FakeWorkerResource.BEHAVIOUR.put("am-1", Behaviour.REFUSE);
        for (int i = 0; i < 4; i++) {
            long took = given().queryParam("name", "alice").get("/api/records").then().statusCode(400)
                    .body("detail", containsString(FakeWorkerResource.REFUSAL))
                    .extract().time();
            assertTrue(took < FakeWorkerResource.HANG_TIME.toMillis() - 1_000, "refused at once, not after the hang: "
                    + took + " ms");
        }
        assertTrue(FakeWorkerResource.calls("am-0") >= 2, "the hung replica was asked first every other time");
    }
}
