package dev.mw.master.query;

/**
 * A validated client query: filters are trimmed, at least one is present.
 * {@code allowPartial} only matters for scatter queries.
 */
public record RecordQuery(String name, String location, Integer year, boolean allowPartial, String requestId) {

    public RecordQuery(String name, String location, Integer year, boolean allowPartial) {
        this(name, location, year, allowPartial, null);
    }

    public RecordQuery withRequestId(String id) {
        return new RecordQuery(name, location, year, allowPartial, id);
    }

    public boolean byName() {
        return name != null;
    }
}
