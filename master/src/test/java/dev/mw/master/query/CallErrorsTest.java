package dev.mw.master.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mw.master.client.WorkerCallException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The words and tags of a failed call come from its outcome, not from matching its message. */
class CallErrorsTest {

    @Test
    void theTagIsTheOutcomes() {
        assertEquals("ok", CallErrors.outcome(null));
        assertEquals("timeout", CallErrors.outcome(WorkerCallException.timedOut(Duration.ofMillis(250))));
        assertEquals("rejected", CallErrors.outcome(WorkerCallException.rejected("circuit breaker open", null)));
        assertEquals("rejected", CallErrors.outcome(new CompletionException(WorkerCallException.rejected("x", null))));
    }

    @Test
    void aMessageThatLooksLikeAnotherOutcomeDoesNotChangeIt() {
        // the old string matching took any "...Timeout..." class or "unreachable" prefix for those outcomes
        assertEquals("error", CallErrors.outcome(new IOException("unreachable (pretend)")));
        assertEquals("error", CallErrors.outcome(new IllegalStateException("timed out after 5 ms")));
    }

    @Test
    void describesByTheClassifiedMessageOrTheRootCause() {
        assertEquals("timed out after 250 ms", CallErrors.describe(WorkerCallException.timedOut(Duration.ofMillis(250))));
        assertEquals("IOException: disk", CallErrors.describe(new RuntimeException(new IOException("disk"))));
    }

    @Test
    void onlyAClientErrorIsARefusal() {
        assertEquals(0, CallErrors.refusalStatus(WorkerCallException.timedOut(Duration.ofMillis(1))));
        assertEquals(0, CallErrors.refusalStatus(new IllegalStateException()));
    }
}
