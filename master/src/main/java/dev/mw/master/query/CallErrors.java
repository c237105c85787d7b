package dev.mw.master.query;

import dev.mw.master.client.WorkerCallException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** Says in a few words why a call to a worker failed, for {@code details[].error}. */
final class CallErrors {

    private CallErrors() {
    }

    /** A metric tag: ok, timeout, rejected (by the instance's breaker or bulkhead), unreachable or error. */
    static String outcome(Throwable failure) {
        if (failure == null) {
            return "ok";
        }
        if (failure instanceof CircuitBreakerOpenException || failure instanceof BulkheadException) {
            return "rejected";
        }
        String description = describe(failure, Duration.ZERO);
        if (description.startsWith("timed out")) {
            return "timeout";
        }
        return description.startsWith("unreachable") ? "unreachable" : "error";
    }

    static String describe(Throwable failure, Duration timeout) {
        if (failure instanceof CircuitBreakerOpenException) {
            return "circuit breaker open";
        }
        if (failure instanceof BulkheadException) {
            return "too many calls in flight (bulkhead full)";
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return "timed out after " + timeout.toMillis() + " ms";
            }
            if (t instanceof WorkerCallException) {
                return t.getMessage();
            }
            if (t instanceof ConnectException) {
                return "unreachable (" + t.getMessage() + ")";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
