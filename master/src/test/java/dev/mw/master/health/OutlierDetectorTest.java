package dev.mw.master.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.support.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutlierDetectorTest {

    private final FakeTicker ticker = new FakeTicker();
    private final OutlierDetector detector = new OutlierDetector(ticker,
            new OutlierDetector.Policy(3, Duration.ofSeconds(5), Duration.ofSeconds(12)));

    @Test
    void failuresBelowTheThresholdOnlyMakeItSuspect() {
        detector.failure();
        detector.failure();
        assertEquals(InstanceState.SUSPECT, detector.state());
        assertFalse(detector.isEjected());
        detector.success();
        assertEquals(InstanceState.UP, detector.state());
    }

    @Test
    void consecutiveFailuresEjectForAGrowingCappedInterval() {
        failTimes(3);
        assertEquals(InstanceState.DOWN, detector.state());
        ticker.advance(Duration.ofMillis(4_999));
        assertTrue(detector.isEjected());
        ticker.advance(Duration.ofMillis(2));
        assertEquals(InstanceState.SUSPECT, detector.state(), "probed after the ejection");

        detector.failure(); // the probe fails: ejected again, for 2 × 5 s
        assertEquals(2, detector.ejections());
        ticker.advance(Duration.ofMillis(9_999));
        assertTrue(detector.isEjected());
        ticker.advance(Duration.ofMillis(2));
        detector.failure(); // 3 × 5 s, capped at 12 s
        ticker.advance(Duration.ofMillis(11_999));
        assertTrue(detector.isEjected());
        ticker.advance(Duration.ofMillis(2));
        assertFalse(detector.isEjected());
    }

    @Test
    void aSuccessfulProbeBringsItBack() {
        failTimes(3);
        ticker.advance(Duration.ofSeconds(6));
        detector.success();
        assertEquals(InstanceState.UP, detector.state());
        detector.failure();
        assertFalse(detector.isEjected(), "one failure after recovery is not an ejection");
    }

    private void failTimes(int n) {
        for (int i = 0; i < n; i++) {
            detector.failure();
        }
    }
}
