package dev.mw.master.readiness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.support.HungWorker;
import dev.mw.master.support.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A warm-up whose workers never answer, with a worker timeout far beyond the test: the master
 * turns ready when the warm-up's duration is over, not when some call gives up, and the queries
 * still out then give up their worker connections.
 */
@QuarkusTest
@TestProfile(WarmUpHungWorkersTest.WarmingUp.class)
class WarmUpHungWorkersTest {

    public static final class WarmingUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.warmup", "1s", "mw.worker-timeout", "5m", "mw.warmup.until", "duration");
        }
    }

    @Test
    void readyWhenTheDurationIsOverAndTheCallsStillOutAreGivenUp() throws Exception {
        try (HungWorker hung = new HungWorker()) {
            WarmUpApi.register("am-0", hung.url());
            WarmUpApi.register("nz-0", hung.url());

            Poll.until(WarmUpApi::ready, Duration.ofSeconds(30), "ready while every worker call still hangs");
            assertTrue(hung.requests() > 0, "the warm-up asked the workers");
            Poll.until(() -> hung.closedConnections() >= hung.requests(), Duration.ofSeconds(10),
                    "the given-up calls' connections closed (" + hung.requests() + " asked, "
                            + hung.closedConnections() + " closed)");
        }
    }
}
