package dev.mw.worker.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.mw.common.registration.Load;
import dev.mw.worker.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** A worker made slow and failing by mw.fault.*: every answer waits, then fails. */
@QuarkusTest
@TestProfile(FaultInjectionTest.SlowAndFailing.class)
class FaultInjectionTest {

    public static class SlowAndFailing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.fault.delay", "1500ms", "mw.fault.error-rate", "1");
        }
    }

    @Test
    void answersAfterTheDelayWithAnInjectedFaultWhileCountedInFlight() throws Exception {
        load(); // warm up the client, so the delayed request is surely seen in flight
        long servedBefore = load().served();
        long started = System.nanoTime();
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(
                () -> given().queryParam("name", "alice").get("/api/records"));

        Eventually.holds(Duration.ofSeconds(20), () -> answer.isDone() || load().inFlight() == 1, "in flight");
        assertFalse(answer.isDone(), "answered before it was seen in flight");
        Response response = answer.get(10, TimeUnit.SECONDS);

        assertTrue(System.nanoTime() - started >= Duration.ofMillis(1500).toNanos());
        response.then().statusCode(500)
                .contentType("application/problem+json")
                .body("title", is("Injected fault"))
                .body("type", is("urn:mw:problem:injected-fault"))
                .body("status", is(500));
        assertEquals(new Load(0, servedBefore), load(), "an injected fault is not served");
    }

    @Test
    void aBatchIsDelayedOnceAndFailsAsAWhole() {
        long servedBefore = load().served();
        String queries = "{\"name\":\"alice\"},".repeat(7) + "{\"name\":\"bill\"}";
        long started = System.nanoTime();

        RecordsBatchTest.batch("{\"queries\":[" + queries + "]}").statusCode(500)
                .contentType("application/problem+json")
                .body("type", is("urn:mw:problem:injected-fault"));

        long took = System.nanoTime() - started;
        assertTrue(took >= Duration.ofMillis(1500).toNanos(), "not delayed");
        assertTrue(took < Duration.ofMillis(8 * 1500).toNanos(), "delayed once per query, not once per batch");
        assertEquals(new Load(0, servedBefore), load(), "a failed batch served none of its queries");
    }

    private static Load load() {
        return given().get("/api/load").as(Load.class);
    }

    @Test
    void validationStillComesFirst() {
        given().get("/api/records").then().statusCode(400).contentType("application/problem+json");
        RecordsBatchTest.batch("{\"queries\":[]}").statusCode(400).contentType("application/problem+json");
    }
}
