package dev.mw.master.readiness;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.support.FakeWorkerResource;
import dev.mw.master.support.FakeWorkerResource.Behaviour;
import dev.mw.master.support.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A warm-up whose only workers answer every query with a 500 still ends, and the master turns
 * ready. Before the second group registers (which starts the warm-up) and the workers start
 * failing, a few queries take the cold path once: the first query of a fresh test application
 * can take seconds on a loaded machine, and the test wants failures counted within the warm-up.
 */
@QuarkusTest
@TestProfile(WarmUpFailingWorkersTest.WarmingUp.class)
class WarmUpFailingWorkersTest {

    public static final class WarmingUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.warmup", "3s", "mw.warmup.until", "duration");
        }
    }

    @Test
    void readyAfterTheWarmUpWithItsFailuresCounted() {
        FakeWorkerResource.reset();
        WarmUpApi.register("am-0", WarmUpApi.fakeWorker("am-0"));
        for (int i = 0; i < 3; i++) { // answered: failures now would eject am-0, and it would not count as UP
            given().queryParam("name", "alice").get("/api/records").then().statusCode(200);
        }
        FakeWorkerResource.BEHAVIOUR.put("am-0", Behaviour.FAIL);
        FakeWorkerResource.BEHAVIOUR.put("nz-0", Behaviour.FAIL);
        WarmUpApi.register("nz-0", WarmUpApi.fakeWorker("nz-0"));

        Poll.until(WarmUpApi::ready, Duration.ofSeconds(30), "ready although every warm-up query failed");
        assertTrue(WarmUpApi.groupsCheck().getString("data.reason").startsWith(MasterReadiness.ALL_GROUPS_UP + ", warmed up"));
        assertTrue(WarmUpApi.warmUpQueries("failed") > 0, "failures are counted");
        assertEquals(0, WarmUpApi.warmUpQueries("ok"));
        assertTrue(FakeWorkerResource.calls("nz-0") > 0, "the warm-up asked both groups");
    }
}
