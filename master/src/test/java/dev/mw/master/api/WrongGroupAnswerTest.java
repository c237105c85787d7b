package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.authorized;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.mw.master.registry.WorkerRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An instance registered for one group whose address answers as another group's worker (a pod IP
 * reused by the other group's new pod before the old lease ran out) fails the call: its records
 * are not passed on as the group's.
 */
@QuarkusTest
class WrongGroupAnswerTest {

    @Inject
    WorkerRegistry registry;

    @Test
    void anAnswerFromAnotherGroupsWorkerIsAFailedCall() {
        MasterApi.clear(registry);
        String nzWorker = "http://localhost:" + RestAssured.port + "/fake-workers/nz-0";
        authorized().body(Map.of("id", "am-0", "group", "am", "url", nzWorker)).post("/api/workers").then().statusCode(201);
        given().queryParam("name", "alice").get("/api/records").then().statusCode(503)
                .body("detail", containsString("am-0: answered for group 'nz', registered for group 'am'"));
    }
}
