package dev.mw.master.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.support.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private final FakeTicker ticker = new FakeTicker();

    private static int retriesAllowed(RetryBudget budget, int tries) {
        int allowed = 0;
        for (int i = 0; i < tries; i++) {
            if (budget.tryRetry()) {
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void retriesAreCappedAtAShareOfTheCalls() {
        RetryBudget budget = new RetryBudget(ticker, 0.2, 0);
        for (int i = 0; i < 1_000; i++) {
            budget.recordCall();
        }
        assertEquals(200, retriesAllowed(budget, 1_000));
        assertFalse(budget.tryRetry());
    }

    @Test
    void aFloorLetsAQuietGroupRetry() {
        RetryBudget budget = new RetryBudget(ticker, 0.2, 5);
        assertEquals(50, retriesAllowed(budget, 100), "5 per second over the 10 s window");
    }

    @Test
    void theWindowSlides() {
        RetryBudget budget = new RetryBudget(ticker, 0.5, 0);
        for (int i = 0; i < 10; i++) {
            budget.recordCall();
        }
        assertEquals(5, retriesAllowed(budget, 10));
        ticker.advance(Duration.ofSeconds(11));
        assertFalse(budget.tryRetry(), "the old calls left the window");
        budget.recordCall();
        budget.recordCall();
        assertTrue(budget.tryRetry());
    }
}
