package dev.mw.worker.registration;

import static dev.mw.worker.registration.FakeMasterClient.registered;
import static dev.mw.worker.registration.FakeMasterClient.status;
import static dev.mw.worker.registration.FakeMasterClient.unreachable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;
import dev.mw.worker.registration.MasterSession.State;

class MasterSessionTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(3);

    private final FakeMasterClient master = new FakeMasterClient();
    private final MutableClock clock = new MutableClock();
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), new Random(1));
    private final MasterSession session = new MasterSession(master, new Registration("w1", "am", "http://w1:8081"),
            () -> new Load(2, 40), backoff, HEARTBEAT, clock);

    @Test
    void registersThenHeartbeatsWithTheLoad() {
        master.answer(registered(10, 5));

        assertEquals(HEARTBEAT, session.step());
        assertEquals(State.REGISTERED, session.state());
        assertEquals(HEARTBEAT, session.step());

        assertEquals(List.of("register w1", "heartbeat w1"), master.calls());
        assertEquals(List.of(new Load(2, 40)), master.heartbeats);
    }

    @Test
    void heartbeatsAsOftenAsTheMasterAsksIfThatIsMoreOften() {
        master.answer(registered(10, 1));

        assertEquals(Duration.ofSeconds(1), session.step());
    }

    @Test
    void retriesAnUnreachableMasterWithGrowingJitteredBackoff() {
        master.otherwise(unreachable());

        for (int attempt = 0; attempt < 8; attempt++) {
            Duration delay = session.step();
            assertTrue(delay.toMillis() <= backoff.ceilingMillis(attempt), attempt + ": " + delay);
        }
        assertEquals(State.REGISTERING, session.state());
    }

    @Test
    void retriesAServerErrorWithBackoff() {
        master.answer(status(503), status(500), registered(10, 3));

        assertTrue(session.step().toMillis() <= 200);
        assertTrue(session.step().toMillis() <= 400);
        assertEquals(HEARTBEAT, session.step());
        assertEquals(State.REGISTERED, session.state());
    }

    @Test
    void retriesARefusalAtTheCap() {
        master.answer(status(400), status(401));

        assertEquals(Duration.ofSeconds(5), session.step());
        assertEquals(Duration.ofSeconds(5), session.step());
        assertEquals(State.REGISTERING, session.state());
    }

    @Test
    void registersAgainAtOnceWhenTheMasterForgotUs() {
        master.answer(registered(10, 3), status(404), registered(10, 3));

        session.step();
        assertEquals(Duration.ZERO, session.step());
        assertEquals(State.REGISTERING, session.state());
        session.step();

        assertEquals(State.REGISTERED, session.state());
        assertEquals(List.of("register w1", "heartbeat w1", "register w1"), master.calls());
    }

    @Test
    void keepsHeartbeatingThroughFailuresWithinTheLease() {
        master.answer(registered(10, 3)).otherwise(unreachable());
        session.step();

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(3));
            assertEquals(HEARTBEAT, session.step());
            assertEquals(State.REGISTERED, session.state());
        }
    }

    @Test
    void aSuccessfulHeartbeatRenewsTheLease() {
        master.answer(registered(10, 3), unreachable(), MasterReply.ok(200, null)).otherwise(unreachable());
        session.step();
        clock.advance(Duration.ofSeconds(6));
        session.step();
        clock.advance(Duration.ofSeconds(3));
        session.step();

        clock.advance(Duration.ofSeconds(9));
        session.step();

        assertEquals(State.REGISTERED, session.state());
    }

    @Test
    void goesBackToRegisteringWhenHeartbeatsFailPastTheLease() {
        master.answer(registered(10, 3)).otherwise(status(503));
        session.step();

        clock.advance(Duration.ofSeconds(9));
        session.step();
        assertEquals(State.REGISTERED, session.state());

        clock.advance(Duration.ofSeconds(1));
        Duration delay = session.step();

        assertEquals(State.REGISTERING, session.state());
        assertTrue(delay.toMillis() <= 200, delay.toString());
    }

    @Test
    void leaseDefaultsToThreeHeartbeatsWhenTheMasterNamesNone() {
        master.answer(MasterReply.ok(201, null)).otherwise(unreachable());
        session.step();

        clock.advance(Duration.ofSeconds(8));
        session.step();
        assertEquals(State.REGISTERED, session.state());

        clock.advance(Duration.ofSeconds(1));
        session.step();
        assertEquals(State.REGISTERING, session.state());
    }

    @Test
    void deregistersWhenEverRegistered() {
        master.answer(registered(10, 3));
        session.step();

        session.deregister();

        assertEquals(State.DEREGISTERED, session.state());
        assertEquals(List.of("register w1", "deregister w1"), master.calls());
        assertThrows(IllegalStateException.class, session::step);
    }

    @Test
    void deregistersEvenIfTheMasterMayHaveForgottenUs() {
        master.answer(registered(10, 3)).otherwise(unreachable());
        session.step();
        clock.advance(Duration.ofSeconds(11));
        session.step();

        session.deregister();

        assertEquals("deregister w1", master.calls().get(master.calls().size() - 1));
    }

    @Test
    void doesNotCallAMasterThatNeverKnewUs() {
        master.otherwise(unreachable());
        session.step();

        session.deregister();

        assertEquals(List.of("register w1"), master.calls());
        assertEquals(State.DEREGISTERED, session.state());
    }
}
