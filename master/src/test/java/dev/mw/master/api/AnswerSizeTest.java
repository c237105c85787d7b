package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.registerFake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeWorkerResource;
import dev.mw.master.support.FakeWorkerResource.Behaviour;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A worker answer beyond mw.max-answer-size is a failed call, retried on the other replica. */
@QuarkusTest
@TestProfile(AnswerSizeTest.SmallAnswers.class)
class AnswerSizeTest {

    public static class SmallAnswers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.max-answer-size", "256K", "mw.worker-timeout", "10s");
        }
    }

    @Inject
    WorkerRegistry registry;

    @Test
    void anOversizedAnswerIsRefusedAndTheOtherReplicaAnswers() {
        MasterApi.clear(registry);
        registerFake("am-0");
        FakeWorkerResource.BEHAVIOUR.put("am-0", Behaviour.HUGE); // about 2.5 MB
        given().queryParam("name", "alice").get("/api/records").then().statusCode(503)
                .body("detail", containsString("exceeds mw.max-answer-size"));
        registerFake("am-1");
        for (int i = 0; i < 5; i++) {
            given().queryParam("name", "alice").get("/api/records").then().statusCode(200)
                    .body("records.name", contains("alice")).body("shards.details[0].worker", is("am-1"));
        }
    }
}
