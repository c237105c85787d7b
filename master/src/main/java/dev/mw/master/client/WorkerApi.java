package dev.mw.master.client;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * A worker's query API, {@code GET /api/records} and {@code POST /api/records/batch}, called
 * without blocking a thread.
 */
public interface WorkerApi extends AutoCloseable {

    /**
     * Null filters are left out of the query string; the request id is passed on in
     * {@code X-Request-Id} for the workers' logs. Fails with {@link WorkerCallException} when the
     * worker answers anything but 200 with a body the master accepts.
     */
    Uni<WorkerAnswer> records(String requestId, String name, String location, Integer year);

    /**
     * Several queries in one request; the reply has one part per query, in their order. Fails as
     * a whole with {@link WorkerCallException} like {@link #records}; a worker without the batch
     * endpoint (an older version) answers 404 or 405.
     */
    Uni<BatchReply> batch(List<WorkerQuery> queries);

    @Override
    void close();
}
