package dev.mw.master.client;

import java.time.Duration;

/**
 * A call to a worker that did not end in a usable answer, with its {@link CallOutcome}: a status
 * other than 200, too large, not our JSON, no connection, no answer in time, or refused by the
 * instance's guard.
 */
public final class WorkerCallException extends RuntimeException {

    private final CallOutcome outcome;
    private final int status;

    private WorkerCallException(CallOutcome outcome, int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.outcome = outcome;
        this.status = status;
    }

    public CallOutcome outcome() {
        return outcome;
    }

    /** The worker's HTTP status, 0 when it sent none. */
    public int status() {
        return status;
    }

    /** @param detail the {@code detail} of the worker's problem answer, or null */
    public static WorkerCallException status(int status, String detail) {
        return new WorkerCallException(CallOutcome.ofStatus(status), status,
                "answered HTTP " + status + (detail == null ? "" : ": " + detail), null);
    }

    static WorkerCallException tooLarge(long size, long max) {
        return new WorkerCallException(CallOutcome.WORKER_ERROR, 0, "answer of " + (size < 0 ? "more than " + max : size)
                + " bytes exceeds mw.max-answer-size (" + max + ")", null);
    }

    static WorkerCallException unreadable(Throwable cause) {
        return new WorkerCallException(CallOutcome.WORKER_ERROR, 0, "unreadable answer (" + cause.getMessage() + ")", cause);
    }

    /** No connection, or it broke before the whole answer was read (refused, reset, closed, connect timeout). */
    static WorkerCallException unreachable(Throwable cause) {
        return new WorkerCallException(CallOutcome.UNREACHABLE, 0, "unreachable (" + cause.getMessage() + ")", cause);
    }

    public static WorkerCallException timedOut(Duration after) {
        return new WorkerCallException(CallOutcome.TIMEOUT, 0, "timed out after " + after.toMillis() + " ms", null);
    }

    /** @param reason what refused it: "circuit breaker open", "too many calls in flight (bulkhead full)" */
    public static WorkerCallException rejected(String reason, Throwable cause) {
        return new WorkerCallException(CallOutcome.REJECTED, 0, reason, cause);
    }

    /** The master gave the call up (a hedge that lost, a client that went away). */
    public static WorkerCallException cancelled() {
        return new WorkerCallException(CallOutcome.CANCELLED, 0, "cancelled by the master", null);
    }

    /** A batch answer with another number of answers than the batch had queries. */
    public static WorkerCallException wrongAnswerCount(int queries, int answers) {
        return new WorkerCallException(CallOutcome.WORKER_ERROR, 0, "answered " + answers + " of a batch of "
                + queries + " queries", null);
    }

    /**
     * A 200 from a worker of another group: its address now belongs to someone else (a pod IP
     * reused before the old lease ran out) or it is misconfigured. Its records must not be passed on.
     */
    public static WorkerCallException wrongGroup(String registered, String answered) {
        return new WorkerCallException(CallOutcome.WORKER_ERROR, 0, "answered for group '" + answered
                + "', registered for group '" + registered + "'", null);
    }
}
