package dev.mw.master.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mw.master.problem.ProblemException;
import org.junit.jupiter.api.Test;

class QueryLimiterTest {

    @Test
    void refusesBeyondTheLimitWithRetryAfter() {
        QueryLimiter limiter = new QueryLimiter(1);
        limiter.acquire();
        ProblemException refused = assertThrows(ProblemException.class, limiter::acquire);
        assertEquals(503, refused.problem().status());
        assertEquals("1", refused.headers().get("Retry-After"));
        limiter.release();
        limiter.acquire();
        assertEquals(1, limiter.active());
    }

    @Test
    void onceStoppingRefusesNewQueriesAndClosesTheConnectionButLetsTakenOnesFinish() {
        QueryLimiter limiter = new QueryLimiter(10);
        limiter.acquire();
        limiter.stopAccepting();

        ProblemException refused = assertThrows(ProblemException.class, limiter::acquire);
        assertEquals(503, refused.problem().status());
        assertEquals("close", refused.headers().get("Connection"));
        assertEquals(1, limiter.active(), "the query taken before is still being answered");
        limiter.release();
        assertEquals(0, limiter.active());
    }
}
