package dev.mw.master.registry;

import dev.mw.master.health.InstanceState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.common.registration.Lease;
import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;
import dev.mw.master.problem.ProblemException;
import dev.mw.master.support.FakeClock;
import dev.mw.master.support.FakeTicker;
import dev.mw.master.support.TestRegistries;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkerRegistryTest {

    private final FakeClock clock = new FakeClock();
    private final FakeTicker ticker = new FakeTicker();
    private final WorkerRegistry registry = TestRegistries.registry(clock, ticker);

    @Test
    void registersOnceAndRenewsAfterwards() {
        Registration r = new Registration("worker-am-0", "am", "http://10.1.2.3:8081");
        WorkerRegistry.Registered first = registry.register(r);
        assertTrue(first.created());
        assertEquals(new Lease("worker-am-0", 10, 3), first.lease());
        WorkerInstance instance = registry.instances("am").get(0);
        assertFalse(registry.register(r).created());
        assertSame(instance, registry.instances("am").get(0));
    }

    @Test
    void registeringAgainFromTheSameUrlForgetsTheFailuresSeenBefore() {
        Registration r = new Registration("worker-am-0", "am", "http://10.1.2.3:8081");
        registry.register(r);
        WorkerInstance instance = registry.instances("am").get(0);
        instance.health().outliers().failure();
        instance.health().outliers().failure();
        assertEquals(InstanceState.SUSPECT, instance.state());

        registry.register(r); // the process restarted on the same address

        assertSame(instance, registry.instances("am").get(0));
        assertEquals(InstanceState.UP, instance.state());
        assertEquals(0, instance.health().outliers().consecutiveFailures());
    }

    @Test
    void aRenewalWithANewUrlReplacesTheInstanceAndClosesTheOldClient() {
        registry.register(new Registration("w1", "am", "http://10.1.2.3:8081"));
        WorkerInstance old = registry.instances("am").get(0);
        int closed = TestRegistries.UnusedClient.CLOSED.get();
        assertFalse(registry.register(new Registration("w1", "nz", "http://10.1.2.4:8081")).created());
        assertTrue(registry.instances("am").isEmpty());
        assertNotSame(old, registry.instances("nz").get(0));
        assertEquals(closed + 1, TestRegistries.UnusedClient.CLOSED.get());
    }

    @Test
    void aLeaseExpiresWithoutHeartbeats() {
        registry.register(new Registration("w1", "am", "http://h:1"));
        registry.register(new Registration("w2", "am", "http://h:2"));
        clock.advance(Duration.ofSeconds(6));
        assertTrue(registry.heartbeat("w2", new Load(3, 40)));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(1, registry.expire());
        assertEquals(List.of("w2"), registry.instances("am").stream().map(WorkerInstance::id).toList());
        assertEquals(3, registry.instances("am").get(0).health().load().reportedInFlight());
        assertEquals(40, registry.instances("am").get(0).health().load().servedEstimate());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(0, registry.expire(), "exactly at the lease's end it still holds");
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, registry.expire());
        assertTrue(registry.all().isEmpty());
    }

    @Test
    void twoMissedHeartbeatsMakeAnInstanceDownBeforeItsLeaseRunsOut() {
        registry.register(new Registration("w1", "am", "http://h:1"));
        WorkerInstance w1 = registry.instances("am").get(0);
        clock.advance(Duration.ofMillis(6_666));
        assertEquals(InstanceState.UP, w1.state());
        clock.advance(Duration.ofMillis(2));
        assertEquals(InstanceState.DOWN, w1.state());
        assertFalse(w1.available());
        registry.heartbeat("w1", new Load(0, 0));
        assertEquals(InstanceState.UP, w1.state());
        assertTrue(w1.available());
    }

    @Test
    void aHeartbeatForAnUnknownIdSaysRegisterAgain() {
        assertFalse(registry.heartbeat("ghost", new Load(0, 0)));
    }

    @Test
    void aHeartbeatWithNegativeLoadIsRejected() {
        registry.register(new Registration("w1", "am", "http://h:1"));
        assertThrows(ProblemException.class, () -> registry.heartbeat("w1", new Load(-1, 0)));
    }

    @Test
    void aHeartbeatWithoutABodyRenewsWithNoLoad() {
        registry.register(new Registration("w1", "am", "http://h:1"));
        assertTrue(registry.heartbeat("w1", null));
    }

    @Test
    void aHeartbeatWithMoreInFlightThanAnIntIsRejected() {
        registry.register(new Registration("w1", "am", "http://h:1"));
        ProblemException e = assertThrows(ProblemException.class,
                () -> registry.heartbeat("w1", new Load(Integer.MAX_VALUE + 1L, 0)));
        assertEquals(400, e.problem().status());
        assertTrue(registry.heartbeat("w1", new Load(Integer.MAX_VALUE, Long.MAX_VALUE)));
    }

    @Test
    void removeIsIdempotent() {
        registry.register(new Registration("w1", "am", "http://h:1"));
        registry.remove("w1");
        registry.remove("w1");
        assertTrue(registry.all().isEmpty());
    }

    @Test
    void listsInGroupOrderThenById() {
        registry.register(new Registration("b", "nz", "http://h:1"));
        registry.register(new Registration("z", "am", "http://h:2"));
        registry.register(new Registration("a", "nz", "http://h:3"));
        assertEquals(List.of("z", "a", "b"), registry.all().stream().map(WorkerInstance::id).toList());
    }

    @Test
    void aNewcomerStartsAsSlowAsTwiceItsSlowestPeer() {
        registry.register(new Registration("w1", "am", "http://h:1"));
        WorkerInstance w1 = registry.instances("am").get(0);
        w1.health().load().callStarted();
        w1.health().load().callEnded(20);
        registry.register(new Registration("w2", "am", "http://h:2"));
        assertEquals(40, registry.instances("am").get(1).health().load().latencyMs(), 1e-6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''           | am | http://h:1      | \"id\" is required",
        "Worker_1     | am | http://h:1      | is not a DNS label",
        "-w           | am | http://h:1      | is not a DNS label",
        "w1           | xx | http://h:1      | unknown group 'xx'; the groups are am, nz",
        "w1           | '' | http://h:1      | \"group\" is required",
        "w1           | am | ftp://h:1       | must be http or https",
        "w1           | am | h:1             | must be http or https",
        "w1           | am | http:///path    | has no host",
        "w1           | am | http://h:1/?q=1 | without user info, query or fragment",
        "w1           | am | http://h       | must name a port",
        "w1           | am | 'http://a b'    | is not a URL",
        "w1           | am | ''              | \"url\" is required",
    })
    void rejectsBadRegistrations(String id, String group, String url, String expected) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> registry.register(new Registration(id, group, url)));
        assertEquals(400, e.problem().status());
        assertTrue(e.problem().detail().contains(expected), e.problem().detail());
        assertTrue(registry.all().isEmpty(), "nothing half-applied");
    }

    @Test
    void aFullGroupTakesNoNewcomerButStillRenewals() {
        TestRegistries.instances(registry, TestRegistries.MAX_PER_GROUP);
        ProblemException e = assertThrows(ProblemException.class,
                () -> registry.register(new Registration("one-too-many", "am", "http://h:1")));
        assertEquals(409, e.problem().status());
        assertTrue(e.problem().detail().contains("mw.registry.max-per-group"));
        assertFalse(registry.register(new Registration("worker-am-0", "am", "http://127.0.0.1:9000")).created());
        registry.register(new Registration("one-more", "nz", "http://h:1"));
        assertEquals(TestRegistries.MAX_PER_GROUP, registry.instances("am").size());
    }

    @Test
    void anIdMayBe63CharactersButNotMore() {
        registry.register(new Registration("a".repeat(63), "am", "http://h:1"));
        assertThrows(ProblemException.class, () -> registry.register(new Registration("a".repeat(64), "am", "http://h:1")));
    }
}
