package dev.mw.master.readiness;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.mw.master.support.FakeClockProducer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/health/ready} over HTTP, on an application of its own with a fake clock: DOWN with
 * the missing groups and the time of the lease-period fallback, UP once every group has a
 * worker, and still UP when they are gone.
 */
@QuarkusTest
@TestProfile(ReadinessTest.FakeClockProfile.class)
class ReadinessTest {

    public static final class FakeClockProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.lease", "30s");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FakeClockProducer.class);
        }
    }

    @Test
    void downUntilEveryGroupHasAWorkerThenLatchedUp() {
        // the application started at the fake clock's time, which nothing has moved yet
        String readyBy = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(30).toString();
        given().get("/q/health/ready").then().statusCode(503)
                .body("status", is("DOWN"))
                .body("checks.find { it.name == 'groups' }.status", is("DOWN"))
                .body("checks.find { it.name == 'groups' }.data.missing", is("am,nz"))
                .body("checks.find { it.name == 'groups' }.data.readyBy", is(readyBy));

        register("worker-am-0", "am");
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'groups' }.data.missing", is("nz"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200);

        register("worker-nz-0", "nz");
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'groups' }.data.reason", is(MasterReadiness.ALL_GROUPS_UP));

        deregister("worker-am-0");
        deregister("worker-nz-0");
        given().get("/api/groups").then().statusCode(200).body("up", org.hamcrest.Matchers.contains(0, 0));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    private static void register(String id, String group) {
        given().header("Authorization", "Bearer test-token").contentType(ContentType.JSON)
                .body(Map.of("id", id, "group", group, "url", "http://127.0.0.1:9"))
                .post("/api/workers").then().statusCode(201);
    }

    private static void deregister(String id) {
        given().header("Authorization", "Bearer test-token").delete("/api/workers/" + id).then().statusCode(204);
    }
}
