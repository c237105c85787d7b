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

    @Test
    void manyDistinctSourcesKeepTheMapBoundedAndTheLimitHoldsForAnActiveOne() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.tryAcquire("10.0.0.1"));
        }
        for (int i = 0; i < 30_000; i++) {
            limiter.tryAcquire("source-" + i); // all at one instant: none of them is quiet yet
            if (i % 1000 == 0) {
                assertTrue(limiter.tryAcquire("10.0.0.1") > 0, "the active source is still limited after " + i);
            }
        }
        assertTrue(limiter.size() <= SourceRateLimiter.MAX_SOURCES, "size " + limiter.size());
        assertTrue(limiter.tryAcquire("10.0.0.1") > 0);
    }

    @Test
    void quietSourcesAreDroppedAsOthersCall() {
        for (int i = 0; i < 5_000; i++) {
            limiter.tryAcquire("source-" + i);
        }
        ticker.advance(Duration.ofMinutes(1)); // every bucket is full again: same as none
        for (int i = 0; i < 3_000; i++) {
            limiter.tryAcquire("10.0.0.1");
        }
        assertTrue(limiter.size() < 10, "size " + limiter.size());
    }
}
