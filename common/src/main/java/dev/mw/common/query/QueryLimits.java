package dev.mw.common.query;

import dev.mw.common.records.PersonRecord;

/**
 * The limits of the {@code GET /api/records} filters and of a worker's
 * {@code POST /api/records/batch}, the same on the master and the workers; each service words
 * its own 400.
 */
public final class QueryLimits {

    /** The longest {@code name} or {@code location}, in code points after trimming. */
    public static final int MAX_TEXT_LENGTH = 256;

    /** The {@code year} filter's range: the years a record may have. */
    public static final int MIN_YEAR = PersonRecord.MIN_YEAR;
    public static final int MAX_YEAR = PersonRecord.MAX_YEAR;

    /** The most queries in one {@code POST /api/records/batch}. */
    public static final int MAX_BATCH_SIZE = 64;

    /** The longest {@code id} of a batch query, in code points: room for any request id the master gives. */
    public static final int MAX_QUERY_ID_LENGTH = 200;

    private QueryLimits() {
    }
}
