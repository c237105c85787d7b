package dev.mw.master.client;

/**
 * How one call to a worker instance ended, decided once, where the status or the failure is first
 * seen (the client, the guard, the call's timeout), and carried by {@link WorkerCallException}.
 * Callers switch on it; none reads messages or class names.
 */
public enum CallOutcome {
    /** 200 with an answer the master accepts. */
    OK("ok", false),
    /** No answer within the call's time (the master's {@code mw.worker-timeout} or the query's deadline). */
    TIMEOUT("timeout", true),
    /** No connection, or the connection broke before the answer was read. */
    UNREACHABLE("unreachable", true),
    /** A 5xx (or 3xx, 408, 429), or an answer too large or not the workers' JSON: the instance failed. */
    WORKER_ERROR("error", true),
    /** A 4xx about the request: the query's problem, the same on every replica, not the instance's health. */
    CLIENT_ERROR("client_error", false),
    /** Refused by the instance's own guard (breaker open, bulkhead full): the instance was never called. */
    REJECTED("rejected", false),
    /**
     * Given up by the master before the answer (a hedge that lost, a client that went away): says
     * nothing about the instance's health, only that its latency was at least the time so far.
     */
    CANCELLED("cancelled", false);

    private final String tag;
    private final boolean instanceFailure;

    CallOutcome(String tag, boolean instanceFailure) {
        this.tag = tag;
        this.instanceFailure = instanceFailure;
    }

    /** The {@code outcome} tag of {@code mw.master.calls}. */
    public String tag() {
        return tag;
    }

    /** Whether it counts against the instance: its breaker, outlier detection, a retry elsewhere. */
    public boolean instanceFailure() {
        return instanceFailure;
    }

    /**
     * A status other than 200. 408 and 429 are 4xx about the instance's state (too slow, too
     * busy), which another replica may not share; 3xx is a worker that should not redirect.
     */
    public static CallOutcome ofStatus(int status) {
        if (status == 200) {
            return OK;
        }
        boolean clientError = status >= 400 && status < 500 && status != 408 && status != 429;
        return clientError ? CLIENT_ERROR : WORKER_ERROR;
    }

    /** A call's failure (null: none); anything not classified where it happened is the instance's error. */
    public static CallOutcome of(Throwable failure) {
        if (failure == null) {
            return OK;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WorkerCallException call) {
                return call.outcome();
            }
        }
        return WORKER_ERROR;
    }
}
