package dev.mw.worker.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LeaseTest {

    private static final Duration THREE_SECONDS = Duration.ofSeconds(3);

    @Test
    void heartbeatIsTheShorterOfConfiguredAndAsked() {
        assertEquals(Duration.ofSeconds(1), new Lease("w", 10, 1).heartbeatInterval(THREE_SECONDS));
        assertEquals(THREE_SECONDS, new Lease("w", 10, 5).heartbeatInterval(THREE_SECONDS));
        assertEquals(Duration.ofMillis(200), new Lease("w", 10, 1).heartbeatInterval(Duration.ofMillis(200)));
        assertEquals(THREE_SECONDS, new Lease("w", 10, 0).heartbeatInterval(THREE_SECONDS));
    }

    @Test
    void durationIsTheMastersOrThreeHeartbeats() {
        assertEquals(Duration.ofSeconds(10), new Lease("w", 10, 3).duration(THREE_SECONDS));
        assertEquals(Duration.ofSeconds(9), new Lease("w", 0, 0).duration(THREE_SECONDS));
    }
}
