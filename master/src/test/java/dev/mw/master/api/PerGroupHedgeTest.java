package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.registerFake;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeWorkerResource;
import dev.mw.master.support.FakeWorkerResource.Behaviour;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A percentile hedge learns each group's latencies apart: a fast group's first calls must not set
 * a slow group's hedge delay (with one shared policy every slow name query was hedged).
 */
@QuarkusTest
@TestProfile(PerGroupHedgeTest.Percentile.class)
class PerGroupHedgeTest {

    /** More than the policy's 100 samples it needs before it hedges at all. */
    private static final int FAST_QUERIES = 150;
    /** Fewer than those 100: the slow group is still learning, so it must not hedge yet. */
    private static final int SLOW_QUERIES = 40;

    public static class Percentile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.hedge-after", "p50", "mw.worker-timeout", "10s");
        }
    }

    @Inject
    WorkerRegistry registry;

    @Inject
    MeterRegistry meters;

    @Test
    void aFastGroupDoesNotSetASlowGroupsHedgeDelay() {
        MasterApi.clear(registry);
        registerFake("am-0");
        registerFake("am-1");
        registerFake("nz-0");
        registerFake("nz-1");
        FakeWorkerResource.BEHAVIOUR.put("am-0", Behaviour.SLOW);
        FakeWorkerResource.BEHAVIOUR.put("am-1", Behaviour.SLOW);
        for (int i = 0; i < FAST_QUERIES; i++) {
            given().queryParam("name", "zen").get("/api/records").then().statusCode(200);
        }
        for (int i = 0; i < SLOW_QUERIES; i++) {
            given().queryParam("name", "alice").get("/api/records").then().statusCode(200);
        }
        Counter hedges = meters.find("mw.master.hedges").tag("group", "am").counter();
        assertEquals(0, hedges == null ? 0 : hedges.count(), "hedges of the slow group while it was still learning");
    }
}
