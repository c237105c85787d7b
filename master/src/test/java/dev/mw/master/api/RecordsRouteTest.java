package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.registerFake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeWorkerResource;
import dev.mw.master.support.FakeWorkerResource.Behaviour;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecordsRouteTest {

    @Inject
    WorkerRegistry registry;

    @BeforeEach
    void twoReplicasPerGroup() {
        MasterApi.clear(registry);
        registerFake("am-0");
        registerFake("am-1");
        registerFake("nz-0");
        registerFake("nz-1");
    }

    @Test
    void aNameQueryAsksTheOwningGroupOnly() {
        given().queryParam("name", "alice").get("/api/records").then().statusCode(200)
                .body("records", contains(java.util.Map.of("record_id", 2, "name", "alice", "location", "New York City", "year", 2002)))
                .body("partial", is(false))
                .body("shards.total", is(1)).body("shards.successful", is(1)).body("shards.failed", is(0))
                .body("shards.details[0].group", is("am"))
                .body("shards.details[0].worker", notNullValue())
                .body("shards.details[0].status", is("ok"))
                .body("shards.details[0].tookMs", notNullValue())
                .body("shards.details[0].error", nullValue());
        assertEquals(0, FakeWorkerResource.calls("nz-0") + FakeWorkerResource.calls("nz-1"));
    }

    @Test
    void aLocationQueryIsScatteredAndGatheredInGroupThenIdOrder() {
        given().queryParam("location", "Kansas City").get("/api/records").then().statusCode(200)
                .body("records.record_id", contains(4, 12, 1, 3, 4, 14))
                .body("records.name", contains("bill", "deep", "rakin", "zen", "symon", "niko"))
                .body("partial", is(false))
                .body("shards.total", is(2)).body("shards.successful", is(2))
                .body("shards.details.group", contains("am", "nz"));
    }

    @Test
    void locationAndYearAnswerTheSeedsGetByYear() {
        given().queryParam("location", "New York City").queryParam("year", 2002).get("/api/records").then()
                .statusCode(200).body("records.name", contains("alice"));
    }

    @Test
    void namesAreMatchedAfterFoldingAndTrimming() {
        given().queryParam("name", "  ALICE ").get("/api/records").then().statusCode(200)
                .body("records.name", contains("alice"));
        given().queryParam("name", "Zen").get("/api/records").then().statusCode(200)
                .body("records.name", contains("zen")).body("shards.details[0].group", is("nz"));
    }

    @Test
    void theRequestIdIsEchoedAndPassedToTheWorker() {
        given().header("X-Request-Id", "req-42").queryParam("name", "alice").get("/api/records").then()
                .statusCode(200).header("X-Request-Id", "req-42");
        String worker = given().header("X-Request-Id", "req-43").queryParam("name", "alice").get("/api/records")
                .then().extract().path("shards.details[0].worker");
        assertEquals("req-43", FakeWorkerResource.LAST_REQUEST_ID.get(worker));
    }

    @Test
    void aRequestWithoutAnIdOrWithAnUnsafeOneGetsANewOne() {
        String generated = given().queryParam("name", "alice").get("/api/records").then().statusCode(200)
                .extract().header("X-Request-Id");
        assertTrue(generated.matches("[0-9a-f-]{36}"), generated);
        String replaced = given().header("X-Request-Id", "bad id\twith spaces").queryParam("year", "2002")
                .get("/api/records").then().statusCode(200).extract().header("X-Request-Id");
        assertTrue(replaced.matches("[0-9a-f-]{36}"), replaced);
        given().get("/api/records").then().statusCode(400).header("X-Request-Id", notNullValue());
    }

    @Test
    void aQueryThatMatchesNothingIsAnEmptyAnswer() {
        given().queryParam("name", "nobody").get("/api/records").then().statusCode(200)
                .body("records", empty()).body("partial", is(false));
    }

    @Test
    void aFailingReplicaIsRetriedOnTheOtherOne() {
        FakeWorkerResource.BEHAVIOUR.put("am-0", Behaviour.FAIL);
        for (int i = 0; i < 20; i++) {
            given().queryParam("name", "bill").get("/api/records").then().statusCode(200)
                    .body("records.name", contains("bill")).body("shards.details[0].worker", is("am-1"));
        }
        assertTrue(FakeWorkerResource.calls("am-0") <= 4, "ejected after a few failures: " + FakeWorkerResource.calls("am-0"));
    }

    @Test
    void aHangingReplicaCostsOneTimeoutThenTheOtherAnswers() {
        FakeWorkerResource.BEHAVIOUR.put("nz-0", Behaviour.HANG);
        FakeWorkerResource.BEHAVIOUR.put("nz-1", Behaviour.HANG);
        FakeWorkerResource.BEHAVIOUR.remove("nz-1");
        for (int i = 0; i < 4; i++) {
            long took = given().queryParam("name", "niko").get("/api/records").then().statusCode(200)
                    .body("records.name", contains("niko")).extract().time();
            assertTrue(took < FakeWorkerResource.HANG_TIME.toMillis() - 1_000,
                    "answered after one 1 s timeout and the retry, not after the hang: " + took + " ms");
        }
    }

    @Test
    void aGroupWithNoWorkerAnsweringIsA503NamingIt() {
        FakeWorkerResource.BEHAVIOUR.put("am-0", Behaviour.FAIL);
        FakeWorkerResource.BEHAVIOUR.put("am-1", Behaviour.HANG);
        given().queryParam("name", "alice").get("/api/records").then().statusCode(503)
                .contentType("application/problem+json")
                .body("title", is("Worker group unavailable"))
                .body("detail", containsString("group 'am'"))
                .body("detail", containsString("HTTP 500"))
                .body("detail", containsString("timed out after 1000 ms"))
                .time(lessThan(FakeWorkerResource.HANG_TIME.toMillis() - 1_000));
    }

    @Test
    void aScatterWithAFailedGroupIsPartialOrA503WhenPartialIsNotAllowed() {
        FakeWorkerResource.BEHAVIOUR.put("nz-0", Behaviour.FAIL);
        FakeWorkerResource.BEHAVIOUR.put("nz-1", Behaviour.FAIL);
        given().queryParam("location", "Kansas City").get("/api/records").then().statusCode(200)
                .body("partial", is(true))
                .body("records.name", contains("bill", "deep"))
                .body("shards.total", is(2)).body("shards.successful", is(1)).body("shards.failed", is(1))
                .body("shards.details[1].group", is("nz"))
                .body("shards.details[1].status", is("failed"))
                .body("shards.details[1].error", containsString("HTTP 500"));
        given().queryParam("location", "Kansas City").queryParam("allowPartial", "false").get("/api/records").then()
                .statusCode(503).body("title", is("Worker group unavailable")).body("detail", containsString("group 'nz'"));
    }

    @Test
    void aScatterWhereEveryGroupFailedIsA503NamingAll() {
        MasterApi.clear(registry);
        given().queryParam("location", "Kansas City").get("/api/records").then().statusCode(503)
                .body("detail", containsString("group 'am'")).body("detail", containsString("group 'nz'"));
    }

    @Test
    void aNameQueryForAGroupWithoutWorkersIsA503() {
        registry.remove("nz-0");
        registry.remove("nz-1");
        given().queryParam("name", "zen").get("/api/records").then().statusCode(503)
                .body("detail", equalTo("group 'nz': no worker of group 'nz' is registered"));
        given().queryParam("name", "alice").get("/api/records").then().statusCode(200);
    }

    @Test
    void headAnswersLikeGetWithoutABodyAndOtherMethodsAreProblem405s() {
        given().queryParam("name", "alice").head("/api/records").then().statusCode(200)
                .contentType("application/json").body(is(""));
        given().body("{}").post("/api/records?name=bill").then().statusCode(405)
                .header("Allow", "GET, HEAD").contentType("application/problem+json").body("status", is(405));
        given().delete("/api/records").then().statusCode(405).header("Allow", "GET, HEAD");
        assertEquals(1, FakeWorkerResource.calls("am-0") + FakeWorkerResource.calls("am-1"), "only the HEAD asked a worker");
    }

    @Test
    void aMalformedRequestUriIsAProblem400SayingWhereOnAnyPath() throws IOException {
        MasterApi.assertMalformed("/api/records?name=%zz", "the request URI is not valid: Malformed escape pair at index 18");
        // a path the router cannot decode gets the same check and words as a query
        MasterApi.assertMalformed("/api/work%ers", "the request URI is not valid: Malformed escape pair at index 9");
        given().urlEncodingEnabled(false).get("/api/records?name=%41lice").then().statusCode(200)
                .body("records.name", contains("alice"));
        assertEquals(1, FakeWorkerResource.calls("am-0") + FakeWorkerResource.calls("am-1"), "only the valid query asked a worker");
    }
}
