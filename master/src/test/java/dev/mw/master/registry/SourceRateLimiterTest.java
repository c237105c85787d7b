package dev.mw.master.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.support.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {

    private final FakeTicker ticker = new FakeTicker();
    private final SourceRateLimiter limiter = new SourceRateLimiter(ticker, 60, 3);

    @Test
    void allowsABurstThenRefillsAtTheRate() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.tryAcquire("10.0.0.1"));
        }
        assertEquals(1, limiter.tryAcquire("10.0.0.1"), "one per second: retry in 1 s");
        ticker.advance(Duration.ofSeconds(1));
        assertEquals(0, limiter.tryAcquire("10.0.0.1"));
        assertTrue(limiter.tryAcquire("10.0.0.1") > 0);
    }

    @Test
    void eachSourceHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("10.0.0.1");
        }
        assertTrue(limiter.tryAcquire("10.0.0.1") > 0);
        assertEquals(0, limiter.tryAcquire("10.0.0.2"));
    }
}
