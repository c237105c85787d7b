package dev.mw.master.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mw.master.client.WorkerCallException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The words of a failed call are those it was classified with. */
class CallErrorsTest {

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
