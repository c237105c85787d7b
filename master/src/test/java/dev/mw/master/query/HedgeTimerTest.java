package dev.mw.master.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HedgeTimerTest {

    @Test
    void aDelayBelowOneMillisecondWaitsOneMillisecond() {
        assertEquals(Duration.ofMillis(1), GroupCaller.hedgeTimer(1));
        assertEquals(Duration.ofMillis(1), GroupCaller.hedgeTimer(350_000));
    }

    @Test
    void aDelayIsRoundedUpToWholeMilliseconds() {
        assertEquals(Duration.ofMillis(1), GroupCaller.hedgeTimer(1_000_000));
        assertEquals(Duration.ofMillis(2), GroupCaller.hedgeTimer(1_000_001));
        assertEquals(Duration.ofMillis(40), GroupCaller.hedgeTimer(39_200_000));
    }
}
