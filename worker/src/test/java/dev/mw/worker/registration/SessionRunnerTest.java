package dev.mw.worker.registration;

import static dev.mw.worker.registration.FakeMasterClient.registered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;
import dev.mw.worker.Eventually;

class SessionRunnerTest {

    private final FakeMasterClient master = new FakeMasterClient();
    private final MasterSession session = new MasterSession(master, new Registration("w1", "am", "http://w1:8081"),
            () -> new Load(0, 0), new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), new Random(1)),
            Duration.ofMillis(20), Clock.systemUTC());
    private final SessionRunner runner = new SessionRunner(session, master, "test-session");

    @Test
    void stepsUntilStoppedThenDeregistersLast() throws Exception {
        master.answer(registered(10, 1));
        runner.start();
        Eventually.holds(Duration.ofSeconds(5), () -> master.calls().size() >= 3, "a few heartbeats");

        runner.stop().get(1, TimeUnit.SECONDS);
        runner.close();

        List<String> calls = master.calls();
        assertEquals("register w1", calls.get(0));
        assertEquals("deregister w1", calls.get(calls.size() - 1));
        assertEquals(1, calls.stream().filter(c -> c.startsWith("deregister")).count());
        assertTrue(master.closed);
        Thread.sleep(100); // nothing may follow the deregistration
        assertEquals(calls, master.calls());
    }

    @Test
    void keepsGoingAfterAnUnexpectedError() throws Exception {
        FakeMasterClient failing = new FakeMasterClient() {
            @Override
            public synchronized MasterReply register(Registration registration) {
                super.register(registration);
                throw new IllegalStateException("boom");
            }
        };
        MasterSession broken = new MasterSession(failing, new Registration("w1", "am", "http://w1:8081"),
                () -> new Load(0, 0), new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), new Random(1)),
                Duration.ofMillis(20), Clock.systemUTC());
        SessionRunner brokenRunner = new SessionRunner(broken, failing, "test-broken", Duration.ofMillis(10));

        brokenRunner.start();
        Eventually.holds(Duration.ofSeconds(5), () -> failing.calls().size() >= 3, "attempts after errors");
        brokenRunner.stop().get(1, TimeUnit.SECONDS);
        brokenRunner.close();

        assertEquals(MasterSession.State.DEREGISTERED, broken.state());
    }
}
