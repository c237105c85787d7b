package dev.mw.master.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CallOutcomeTest {

    @ParameterizedTest
    @CsvSource({
            "200, OK",
            "400, CLIENT_ERROR", "401, CLIENT_ERROR", "404, CLIENT_ERROR", "422, CLIENT_ERROR", "431, CLIENT_ERROR",
            "408, WORKER_ERROR", "429, WORKER_ERROR", // the instance's state: too slow, too busy
            "500, WORKER_ERROR", "502, WORKER_ERROR", "503, WORKER_ERROR",
            "204, WORKER_ERROR", "302, WORKER_ERROR" // no answer, a redirect: not what a worker sends
    })
    void aStatusIsClassifiedOnce(int status, CallOutcome expected) {
        assertEquals(expected, CallOutcome.ofStatus(status));
        if (status != 200) {
            assertEquals(expected, WorkerCallException.status(status, null).outcome());
        }
    }

    @Test
    void onlyFailuresOfTheInstanceCountAgainstIt() {
        assertTrue(CallOutcome.TIMEOUT.instanceFailure());
        assertTrue(CallOutcome.UNREACHABLE.instanceFailure());
        assertTrue(CallOutcome.WORKER_ERROR.instanceFailure());
        assertFalse(CallOutcome.CLIENT_ERROR.instanceFailure());
        assertFalse(CallOutcome.REJECTED.instanceFailure());
        assertFalse(CallOutcome.OK.instanceFailure());
    }

    @Test
    void aFailureCarriesItsOutcomeThroughWrappers() {
        assertEquals(CallOutcome.OK, CallOutcome.of(null));
        assertEquals(CallOutcome.TIMEOUT, CallOutcome.of(WorkerCallException.timedOut(Duration.ofMillis(5))));
        assertEquals(CallOutcome.CLIENT_ERROR,
                CallOutcome.of(new CompletionException(WorkerCallException.status(400, "bad year"))));
        assertEquals(CallOutcome.REJECTED, CallOutcome.of(WorkerCallException.rejected("circuit breaker open", null)));
    }

    @Test
    void aFailureNobodyClassifiedCountsAgainstTheInstanceWhateverItsMessage() {
        // CallErrors used to take any "...Timeout..." class or "unreachable" prefix for those outcomes
        assertEquals(CallOutcome.WORKER_ERROR, CallOutcome.of(new IllegalStateException("timed out after 5 ms")));
        assertEquals(CallOutcome.WORKER_ERROR, CallOutcome.of(new java.io.IOException("unreachable (pretend)")));
    }

    @Test
    void theMetricTagsStayAsTheyWere() {
        assertEquals("ok timeout unreachable error client_error rejected cancelled", String.join(" ",
                java.util.Arrays.stream(CallOutcome.values()).map(CallOutcome::tag).toList()));
    }
}
