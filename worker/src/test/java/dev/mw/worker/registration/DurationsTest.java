package dev.mw.worker.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void writesWholeSecondsAsSecondsAndTheRestAsMillis() {
        assertEquals("3s", Durations.format(Duration.ofSeconds(3)));
        assertEquals("200ms", Durations.format(Duration.ofMillis(200)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }
}
