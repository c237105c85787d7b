package dev.mw.worker.query;

import dev.mw.worker.data.RecordFilter;
import dev.mw.worker.problem.Problem;

/**
 * One query of a batch, read: its filter, or the problem {@code GET /api/records} would have
 * answered the same filters with. {@code id} is the query's request id, {@code null} when not given.
 */
record BatchEntry(String id, RecordFilter filter, Problem refusal) {

    /** The filters as given, checked by {@link QueryParser#filter}; {@code year} as written. */
    static BatchEntry of(String id, String name, String location, String year) {
        try {
            return new BatchEntry(id, QueryParser.filter(name, location, year), null);
        } catch (InvalidQueryException e) {
            return new BatchEntry(id, null, e.problem());
        }
    }
}
