package dev.mw.master.readiness;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.support.FakeWorkerResource;
import dev.mw.master.support.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code mw.warmup} over HTTP, on an application of its own listening on a random port
 * ({@code quarkus.http.test-port=0}): once every group has a worker the master is DOWN while it
 * warms up, its queries reach the workers through its own listener, and then it is UP.
 */
@QuarkusTest
@TestProfile(WarmUpTest.WarmingUp.class)
class WarmUpTest {

    /** Long enough that the probe right after the registrations falls inside it even on a loaded machine. */
    static final Duration WARM_UP = Duration.ofSeconds(5);

    public static final class WarmingUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.warmup", WARM_UP.toSeconds() + "s", "mw.warmup.concurrency", "2",
                    "mw.warmup.until", "duration");
        }
    }

    @Test
    void downWhileWarmingUpThroughTheRealPathToEveryGroupThenUp() {
        FakeWorkerResource.reset();
        assertEquals("am,nz", WarmUpApi.groupsCheck().getString("data.missing"));
        WarmUpApi.register("am-0", WarmUpApi.fakeWorker("am-0"));
        // the cold path once, so that the warm-up's queries do not spend its time on a loaded machine's first query
        for (int i = 0; i < 3; i++) {
            given().queryParam("name", "alice").get("/api/records").then().statusCode(200);
        }
        assertEquals("nz", WarmUpApi.groupsCheck().getString("data.missing"), "no warm-up while a group is missing");
        assertFalse(FakeWorkerResource.LAST_REQUEST_ID.get("am-0").startsWith("warmup-"));

        WarmUpApi.register("nz-0", WarmUpApi.fakeWorker("nz-0"));
        JsonPath warming = WarmUpApi.groupsCheck();
        assertEquals("DOWN", warming.getString("status"));
        assertTrue(warming.getString("data.reason").matches("warming up: \\d+ queries sent, until \\S+"),
                warming.getString("data.reason"));
        assertNull(warming.get("data.missing"), "no group is missing");
        assertFalse(warming.getString("data.readyBy").isEmpty());

        Poll.until(WarmUpApi::ready, WARM_UP.plusSeconds(30), "ready after the warm-up");
        assertTrue(WarmUpApi.groupsCheck().getString("data.reason")
                .matches(MasterReadiness.ALL_GROUPS_UP + ", warmed up with \\d+ queries in [\\d.]+ s"));
        for (String kind : List.of("am-0/scatter", "am-0/name", "nz-0/scatter", "nz-0/name")) {
            String id = FakeWorkerResource.LAST_REQUEST_ID_BY_KIND.get(kind);
            assertTrue(id != null && id.startsWith("warmup-"), kind + " got a warm-up query, last id " + id);
        }
        assertTrue(WarmUpApi.warmUpQueries("ok") > 0, "answered warm-up queries are counted");
    }
}
