package dev.mw.master.client;

import io.smallrye.mutiny.Uni;

/** A worker's query API, {@code GET /api/records}, called without blocking a thread. */
public interface WorkerApi extends AutoCloseable {

    /**
     * Null filters are left out of the query string; the request id is passed on in
     * {@code X-Request-Id} for the workers' logs. Fails with {@link WorkerCallException} when the
     * worker answers anything but 200 with a body the master accepts.
     */
    Uni<WorkerAnswer> records(String requestId, String name, String location, Integer year);

    @Override
    void close();
}
