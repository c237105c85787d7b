package dev.mw.master.client;

/**
 * One query as a worker gets it: its filters (null when absent) and the request id passed on for
 * the workers' logs.
 */
public record WorkerQuery(String requestId, String name, String location, Integer year) {

    /** The same filters without a request id: equal for two queries that ask the same question. */
    public WorkerQuery filters() {
        return requestId == null ? this : new WorkerQuery(null, name, location, year);
    }
}
