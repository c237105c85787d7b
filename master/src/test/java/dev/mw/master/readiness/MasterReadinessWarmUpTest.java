package dev.mw.master.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.common.registration.Registration;
import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeClock;
import dev.mw.master.support.FakeTicker;
import dev.mw.master.support.TestRegistries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MasterReadiness} with a warm-up: started once every group has an UP worker, ready when it is over. */
class MasterReadinessWarmUpTest {

    private static final Duration LEASE = Duration.ofSeconds(10);

    /** A warm-up that reports what the test tells it to, and counts how often it is asked. */
    private static final class ScriptedWarmUp implements WarmUp {
        int asked;
        Progress progress;

        @Override
        public Progress progress() {
            asked++;
            return progress;
        }
    }

    private final FakeClock clock = new FakeClock();
    private final WorkerRegistry registry = TestRegistries.registry(clock, new FakeTicker());
    private final Instant until = clock.instant().plusSeconds(2);
    private final ScriptedWarmUp warmUp = new ScriptedWarmUp();
    private final MasterReadiness readiness = new MasterReadiness(TestRegistries.ROUTER, registry, clock, warmUp, LEASE);

    @Test
    void notAskedWhileAGroupHasNoWorker() {
        register("worker-am-0", "am");
        assertFalse(readiness.status().ready());
        assertEquals(List.of("nz"), readiness.status().missing());
        assertEquals(0, warmUp.asked);
    }

    @Test
    void downWhileItRunsWithHowFarAndUntilWhenThenLatchedReady() {
        warmUp.progress = new WarmUp.Progress(false, 0, until, null);
        register("worker-am-0", "am");
        register("worker-nz-0", "nz");

        MasterReadiness.Status warming = readiness.status();
        assertFalse(warming.ready());
        assertEquals("warming up: 0 queries sent, until " + until, warming.reason());
        assertEquals(List.of(), warming.missing());
        assertEquals(until, warming.readyBy());

        warmUp.progress = new WarmUp.Progress(false, 57, until, null);
        assertEquals("warming up: 57 queries sent, until " + until, readiness.status().reason());

        warmUp.progress = new WarmUp.Progress(true, 120, until, Duration.ofMillis(2004));
        MasterReadiness.Status ready = readiness.status();
        assertTrue(ready.ready());
        assertEquals(MasterReadiness.ALL_GROUPS_UP + ", warmed up with 120 queries in 2.0 s", ready.reason());

        int asked = warmUp.asked;
        assertEquals(ready, readiness.status(), "a latch");
        assertEquals(asked, warmUp.asked, "not asked once ready");
    }

    @Test
    void onceStartedNeitherGroupsLeavingNorTheLeaseFallbackChangeIt() {
        warmUp.progress = new WarmUp.Progress(false, 3, until, null);
        register("worker-am-0", "am");
        register("worker-nz-0", "nz");
        assertFalse(readiness.status().ready());

        registry.remove("worker-nz-0");
        clock.advance(LEASE.plusSeconds(1));
        MasterReadiness.Status status = readiness.status();
        assertFalse(status.ready(), "the warm-up decides, and it ends on its own time");
        assertTrue(status.reason().startsWith("warming up"), status.reason());

        warmUp.progress = new WarmUp.Progress(true, 9, until, Duration.ofSeconds(2));
        assertTrue(readiness.status().ready());
    }

    @Test
    void aWarmUpThatCouldNotRunLeavesTheReasonAsWithout() {
        warmUp.progress = WarmUp.Progress.NONE;
        register("worker-am-0", "am");
        register("worker-nz-0", "nz");
        assertTrue(readiness.status().ready());
        assertEquals(MasterReadiness.ALL_GROUPS_UP, readiness.status().reason());
    }

    @Test
    void anEmptyClusterTurnsReadyAfterTheLeaseWithoutAWarmUp() {
        clock.advance(LEASE);
        MasterReadiness.Status status = readiness.status();
        assertTrue(status.ready());
        assertEquals(MasterReadiness.LEASE_PASSED, status.reason());
        assertEquals(0, warmUp.asked, "nothing to warm up");
    }

    private void register(String id, String group) {
        registry.register(new Registration(id, group, "http://127.0.0.1:" + (9000 + registry.all().size())));
    }
}
