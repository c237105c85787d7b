package dev.mw.master.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HedgePolicyTest {

    @Test
    void offByDefault() {
        assertFalse(HedgePolicy.parse("off").enabled());
        assertFalse(HedgePolicy.parse("").enabled());
        assertTrue(HedgePolicy.parse("off").delayNanos().isEmpty());
    }

    @Test
    void aFixedDuration() {
        assertEquals(Duration.ofMillis(50).toNanos(), HedgePolicy.parse("50ms").delayNanos().getAsLong());
        assertEquals(Duration.ofSeconds(1).toNanos(), HedgePolicy.parse("1s").delayNanos().getAsLong());
    }

    @Test
    void aPercentileOfRecentFirstCalls() {
        HedgePolicy p95 = HedgePolicy.parse("p95");
        assertTrue(p95.enabled());
        for (int i = 1; i <= 99; i++) {
            p95.record(i);
        }
        assertTrue(p95.delayNanos().isEmpty(), "still learning");
        p95.record(100);
        assertEquals(95, p95.delayNanos().getAsLong());
    }

    @Test
    void keepsHedgingPastTwoToTheThirtyOneSamples() {
        HedgePolicy p95 = HedgePolicy.parse("p95").recordedSoFar(Integer.MAX_VALUE - 10L);
        for (int i = 1; i <= 1024; i++) {
            p95.record(i); // crosses 2^31 samples; must neither throw nor stop learning
        }
        assertEquals(973, p95.delayNanos().getAsLong(), "the p95 of the last 1024 samples 1..1024");
        p95.record(5000);
        assertTrue(p95.delayNanos().isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"p100", "p0", "fast", "-5ms", "0ms", "5h"})
    void rejectsWhatItCannotRead(String value) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> HedgePolicy.parse(value));
        assertTrue(e.getMessage().contains("mw.hedge-after"));
    }
}
