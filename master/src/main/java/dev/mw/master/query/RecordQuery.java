package dev.mw.master.query;

/**
 * A validated client query: filters are trimmed, at least one is present.
 * {@code allowPartial} only matters for scatter queries.
 */
public record RecordQuery(String name, String location, Integer year, boolean allowPartial) {

    public boolean byName() {
        return name != null;
    }
}
