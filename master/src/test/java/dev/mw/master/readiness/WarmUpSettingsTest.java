package dev.mw.master.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WarmUpSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"off", "OFF", " off ", "false", "", "0", "0s"})
    void off(String value) {
        assertFalse(WarmUpSettings.parse(value, 4, "duration").enabled());
    }

    @Test
    void aDuration() {
        WarmUpSettings settings = WarmUpSettings.parse("2s", 4, "duration");
        assertTrue(settings.enabled());
        assertEquals(Duration.ofSeconds(2), settings.duration());
        assertEquals(4, settings.concurrency());
        assertEquals(Duration.ofMillis(500), WarmUpSettings.parse("500ms", 1, "duration").duration());
        assertEquals(Duration.ofMinutes(1), WarmUpSettings.parse("1m", 64, "duration").duration());
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "2 s", "-1s", "61s", "2m", "p99"})
    void aBadDurationFailsNamingTheKeyAndWhatItTakes(String value) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> WarmUpSettings.parse(value, 4, "duration"));
        assertEquals("Invalid mw.warmup '" + value + "': use off, or a duration of at most 1m such as 2s or 500ms",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65})
    void aBadConcurrencyFailsEvenWhenOff(int concurrency) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> WarmUpSettings.parse("off", concurrency, "duration"));
        assertEquals("Invalid mw.warmup.concurrency " + concurrency + ": use 1 to 64 queries in flight at once",
                e.getMessage());
    }

    @Test
    void untilIsJitIdleOrTheWholeDuration() {
        assertTrue(WarmUpSettings.parse("20s", 4, "jit-idle").untilJitIdle());
        assertFalse(WarmUpSettings.parse("20s", 4, " Duration ").untilJitIdle());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> WarmUpSettings.parse("20s", 4, "idle"));
        assertEquals("Invalid mw.warmup.until 'idle': use jit-idle (end once the JIT is idle) or duration (run all of mw.warmup)",
                e.getMessage());
    }
}
