package dev.mw.master.client;

/**
 * One query's part of a worker's batch answer: its records, or the worker's refusal of that
 * query alone (a {@link CallOutcome#CLIENT_ERROR} with the worker's status and detail).
 */
public record BatchPart(WorkerAnswer answer, WorkerCallException refusal) {

    public static BatchPart answered(WorkerAnswer answer) {
        return new BatchPart(answer, null);
    }

    public static BatchPart refused(int status, String detail) {
        return new BatchPart(null, WorkerCallException.status(status, detail));
    }
}
