package dev.mw.master.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.support.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeakEwmaTest {

    private final FakeTicker ticker = new FakeTicker();
    private final PeakEwma ewma = new PeakEwma(ticker, 10_000, 0);

    @Test
    void aSlowerObservationIsTakenAtOnce() {
        ewma.observe(5);
        ewma.observe(50);
        assertEquals(50, ewma.get(), 1e-9);
    }

    @Test
    void fasterObservationsPullItDownWithTimeWeight() {
        ewma.observe(50);
        ticker.advance(Duration.ofSeconds(10));
        ewma.observe(10);
        // weight of the old estimate after one tau is 1/e
        assertEquals(50 / Math.E + 10 * (1 - 1 / Math.E), ewma.get(), 1e-6);
    }

    @Test
    void aFasterObservationRightAfterAPeakStillMovesItAtLeastATenth() {
        ewma.observe(50);
        ticker.advance(Duration.ofMillis(1));
        ewma.observe(10);
        // the time weight alone would keep 99.99 % of the spike
        assertEquals(50 * 0.9 + 10 * 0.1, ewma.get(), 0.01);
    }

    @Test
    void itDecaysTowardZeroWhenNotObserved() {
        ewma.observe(100);
        ticker.advance(Duration.ofSeconds(30));
        double decayed = ewma.get();
        assertEquals(100 * Math.exp(-3), decayed, 1e-6);
        assertTrue(decayed < 5);
    }
}
