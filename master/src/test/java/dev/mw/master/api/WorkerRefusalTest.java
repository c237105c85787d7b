package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.registerFake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeWorkerResource;
import dev.mw.master.support.FakeWorkerResource.Behaviour;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A worker that answers 400 for a query is telling the user about the query, not failing: the
 * user gets the 400 with the worker's reason, the query is not retried on the sibling, and the
 * instance keeps a closed breaker and an UP state. Round-robin (the profile of
 * {@link CircuitBreakerTest}, so the application is shared) gives the refusing replica every
 * other query.
 */
@QuarkusTest
@TestProfile(CircuitBreakerTest.RoundRobin.class)
class WorkerRefusalTest {

    private static final int QUERIES = 20;

    @Inject
    WorkerRegistry registry;

    @Test
    void aWorkersClientErrorIsTheQuerysProblemNotTheInstancesHealth() {
        MasterApi.clear(registry);
        registerFake("nz-0");
        registerFake("nz-1");
        FakeWorkerResource.BEHAVIOUR.put("nz-0", Behaviour.REFUSE);
        int refused = 0;
        int answered = 0;
        for (int i = 0; i < QUERIES; i++) {
            Response response = given().queryParam("name", "zen").get("/api/records");
            if (response.statusCode() == 400) {
                refused++;
                response.then().contentType("application/problem+json")
                        .body("detail", containsString(FakeWorkerResource.REFUSAL))
                        .body("detail", containsString("nz-0"));
            } else {
                response.then().statusCode(200);
                answered++;
            }
        }

        assertEquals(QUERIES, refused + answered);
        assertTrue(refused >= QUERIES / 4, "round-robin sent nz-0 " + refused + " of " + QUERIES);
        assertEquals(refused, FakeWorkerResource.calls("nz-0"), "every call to nz-0 was answered 400 to the user");
        assertEquals(answered, FakeWorkerResource.calls("nz-1"), "no refused query was retried on the sibling");
        given().get("/api/workers").then().statusCode(200)
                .body("find { it.id == 'nz-0' }.state", is("UP"))
                .body("find { it.id == 'nz-0' }.breaker", is("CLOSED"))
                .body("find { it.id == 'nz-0' }.consecutiveFailures", is(0))
                .body("find { it.id == 'nz-0' }.ejections", is(0));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("mw_master_calls_seconds_count{group=\"nz\",outcome=\"client_error\",worker=\"nz-0\"} "
                + refused + ".0"), "the calls counted as client errors");
    }
}
