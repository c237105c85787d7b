package dev.mw.master.client;

/** A worker answered, but not with a usable answer: a status other than 200, too large, or not our JSON. */
public final class WorkerCallException extends RuntimeException {

    private WorkerCallException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    static WorkerCallException status(int status) {
        return new WorkerCallException("answered HTTP " + status, null);
    }

    static WorkerCallException tooLarge(long size, long max) {
        return new WorkerCallException("answer of " + (size < 0 ? "more than " + max : size)
                + " bytes exceeds mw.max-answer-size (" + max + ")", null);
    }

    static WorkerCallException unreadable(Throwable cause) {
        return new WorkerCallException("unreadable answer (" + cause.getMessage() + ")", cause);
    }
}
