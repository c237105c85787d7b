package dev.mw.master.query;

import dev.mw.master.client.CallOutcome;
import dev.mw.master.client.WorkerCallException;

/**
 * Says in a few words why a call to a worker failed, for {@code details[].error}: the words its
 * {@link CallOutcome} was decided with.
 */
final class CallErrors {

    private CallErrors() {
    }

    /** The message the failure was classified with; a failure nobody classified, by its root cause. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WorkerCallException call) {
                return call.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The worker refused the query itself (a 4xx): asking another replica would get the same answer. */
    static boolean isRefusal(Throwable failure) {
        return CallOutcome.of(failure) == CallOutcome.CLIENT_ERROR;
    }

    /** The worker's HTTP status when it refused the query (a {@link CallOutcome#CLIENT_ERROR}), else 0. */
    static int refusalStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WorkerCallException call) {
                return call.outcome() == CallOutcome.CLIENT_ERROR ? call.status() : 0;
            }
        }
        return 0;
    }
}
