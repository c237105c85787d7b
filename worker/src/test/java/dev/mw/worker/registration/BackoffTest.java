package dev.mw.worker.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), new Random(42));

    @Test
    void ceilingDoublesFromTheBase() {
        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L),
                IntStream.range(0, 5).mapToObj(backoff::ceilingMillis).toList());
    }

    @Test
    void ceilingIsCapped() {
        assertEquals(5000, backoff.ceilingMillis(5));
        assertEquals(5000, backoff.ceilingMillis(40));
        assertEquals(5000, backoff.ceilingMillis(Integer.MAX_VALUE));
        assertEquals(Duration.ofSeconds(5), backoff.cap());
    }

    @Test
    void delayStaysWithinTheCeiling() {
        for (int attempt = 0; attempt < 50; attempt++) {
            long delay = backoff.delay(attempt).toMillis();
            assertTrue(delay >= 0 && delay <= backoff.ceilingMillis(attempt), attempt + ": " + delay);
        }
    }

    @Test
    void delayIsJitteredOverTheWholeRange() {
        Set<Long> delays = new HashSet<>();
        long below = 0;
        for (int i = 0; i < 1000; i++) {
            long delay = backoff.delay(10).toMillis();
            delays.add(delay);
            below += delay < 2500 ? 1 : 0;
        }
        assertTrue(delays.size() > 500, "distinct delays: " + delays.size());
        assertTrue(below > 400 && below < 600, "delays below half the cap: " + below);
    }

    @Test
    void sameSeedSameDelays() {
        Backoff again = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), new Random(42));
        Backoff other = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), new Random(7));

        List<Duration> first = IntStream.range(0, 10).mapToObj(backoff::delay).toList();

        assertEquals(first, IntStream.range(0, 10).mapToObj(again::delay).toList());
        assertNotEquals(first, IntStream.range(0, 10).mapToObj(other::delay).toList());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()));
    }
}
