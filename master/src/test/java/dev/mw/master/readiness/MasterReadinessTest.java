package dev.mw.master.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.common.registration.Registration;
import dev.mw.master.registry.WorkerInstance;
import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeClock;
import dev.mw.master.support.FakeTicker;
import dev.mw.master.support.TestRegistries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterReadinessTest {

    private static final Duration LEASE = Duration.ofSeconds(10);

    private final FakeClock clock = new FakeClock();
    private final WorkerRegistry registry = TestRegistries.registry(clock, new FakeTicker());
    private final Instant start = clock.instant();
    private final MasterReadiness readiness = new MasterReadiness(TestRegistries.ROUTER, registry, clock, WarmUp.NONE, LEASE);

    @Test
    void notReadyWhileAGroupHasNoWorkerAndSaysWhichAndUntilWhen() {
        MasterReadiness.Status status = readiness.status();
        assertFalse(status.ready());
        assertEquals(List.of("am", "nz"), status.missing());
        assertEquals(start.plus(LEASE), status.readyBy());

        register("worker-am-0", "am");
        assertEquals(List.of("nz"), readiness.status().missing());
        assertFalse(readiness.status().ready());
    }

    @Test
    void readyOnceEveryGroupHasAnUpWorkerAndStaysReadyWhenTheyLeave() {
        register("worker-am-0", "am");
        register("worker-nz-0", "nz");
        MasterReadiness.Status status = readiness.status();
        assertTrue(status.ready());
        assertEquals(MasterReadiness.ALL_GROUPS_UP, status.reason());
        assertEquals(List.of(), status.missing());

        registry.remove("worker-am-0");
        registry.remove("worker-nz-0");
        assertTrue(readiness.status().ready(), "a latch: a group going down later keeps the master ready");
        assertEquals(MasterReadiness.ALL_GROUPS_UP, readiness.status().reason());
    }

    @Test
    void aWorkerThatIsNotUpDoesNotCount() {
        register("worker-am-0", "am");
        WorkerInstance nz = register("worker-nz-0", "nz");
        for (int i = 0; i < 3; i++) {
            nz.health().outliers().failure(); // three consecutive failures eject it
        }
        assertFalse(readiness.status().ready());
        assertEquals(List.of("nz"), readiness.status().missing());

        register("worker-nz-1", "nz");
        assertTrue(readiness.status().ready());
    }

    @Test
    void readyAfterOneLeasePeriodEvenWithoutWorkersAndStaysReady() {
        clock.advance(LEASE.minusMillis(1));
        assertFalse(readiness.status().ready(), "1 ms before the lease period ends");

        clock.advance(Duration.ofMillis(1));
        MasterReadiness.Status status = readiness.status();
        assertTrue(status.ready());
        assertEquals(MasterReadiness.LEASE_PASSED, status.reason());

        register("worker-am-0", "am");
        registry.remove("worker-am-0");
        assertTrue(readiness.status().ready());
        assertEquals(MasterReadiness.LEASE_PASSED, readiness.status().reason(), "the first reason stays");
    }

    @Test
    void theFallbackCountsFromTheStartNotFromTheFirstProbe() {
        clock.advance(LEASE.plusSeconds(5));
        assertTrue(readiness.status().ready());
    }

    private WorkerInstance register(String id, String group) {
        registry.register(new Registration(id, group, "http://127.0.0.1:" + (9000 + registry.all().size())));
        return registry.instances(group).stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }
}
