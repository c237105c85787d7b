package dev.mw.worker.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.mw.common.registration.Lease;

class LeaseTermsTest {

    private static final Duration THREE_SECONDS = Duration.ofSeconds(3);

    private static LeaseTerms terms(long leaseSeconds, long heartbeatSeconds) {
        return new LeaseTerms(new Lease("w", leaseSeconds, heartbeatSeconds));
    }

    @Test
    void heartbeatIsTheShorterOfConfiguredAndAsked() {
        assertEquals(Duration.ofSeconds(1), terms(10, 1).heartbeatInterval(THREE_SECONDS));
        assertEquals(THREE_SECONDS, terms(10, 5).heartbeatInterval(THREE_SECONDS));
        assertEquals(Duration.ofMillis(200), terms(10, 1).heartbeatInterval(Duration.ofMillis(200)));
        assertEquals(THREE_SECONDS, terms(10, 0).heartbeatInterval(THREE_SECONDS));
    }

    @Test
    void durationIsTheMastersOrThreeHeartbeats() {
        assertEquals(Duration.ofSeconds(10), terms(10, 3).duration(THREE_SECONDS));
        assertEquals(Duration.ofSeconds(9), terms(0, 0).duration(THREE_SECONDS));
    }

    @Test
    void anAnswerWithoutALeaseKeepsTheConfiguredHeartbeatAndThreeOfThem() {
        LeaseTerms none = new LeaseTerms(null);
        assertEquals(THREE_SECONDS, none.heartbeatInterval(THREE_SECONDS));
        assertEquals(Duration.ofSeconds(9), none.duration(THREE_SECONDS));
    }
}
