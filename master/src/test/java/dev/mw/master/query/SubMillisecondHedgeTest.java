package dev.mw.master.query;

import static dev.mw.master.api.MasterApi.registerFake;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.api.MasterApi;
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
 * A hedge delay learnt below one millisecond still hedges: Vert.x' millisecond timers refused
 * such a delay, so every hedge failed at once and none was sent (warm, on loopback, a p99 of
 * first calls below 1 ms is common). The group's policy is taught first calls of 0.1 ms; then,
 * round-robin, half the queries draw a slow replica and must be hedged.
 */
@QuarkusTest
@TestProfile(SubMillisecondHedgeTest.FastestPercentile.class)
class SubMillisecondHedgeTest {

    /** More than the 100 samples the policy needs before it hedges. */
    private static final int LEARNT_CALLS = 150;
    private static final long LEARNT_NANOS = 100_000;
    private static final int QUERIES = 20;

    public static class FastestPercentile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.hedge-after", "p1", "mw.balancer", "round-robin", "mw.worker-timeout", "10s");
        }
    }

    @Inject
    WorkerRegistry registry;

    @Inject
    GroupCaller caller;

    @Inject
    MeterRegistry meters;

    @Test
    void aDelayLearntBelowOneMillisecondStillHedges() {
        MasterApi.clear(registry);
        registerFake("nz-0");
        registerFake("nz-1");
        HedgePolicy names = caller.hedge("nz", true);
        for (int i = 0; i < LEARNT_CALLS; i++) {
            names.record(LEARNT_NANOS);
        }
        assertTrue(names.delayNanos().getAsLong() < 1_000_000, "the delay learnt: " + names.delayNanos());
        FakeWorkerResource.BEHAVIOUR.put("nz-0", Behaviour.SLOW);
        for (int i = 0; i < QUERIES; i++) {
            given().queryParam("name", "zen").get("/api/records").then().statusCode(200);
        }
        Counter hedges = meters.find("mw.master.hedges").tag("group", "nz").counter();
        assertTrue(hedges != null && hedges.count() > 0,
                "no hedge of the queries that drew the slow replica: " + (hedges == null ? "none" : hedges.count()));
    }
}
