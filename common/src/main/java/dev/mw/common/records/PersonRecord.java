package dev.mw.common.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One record, as a data file holds it, a worker answers it and the master passes it on:
 * {@code {"record_id": 2, "name": "alice", "location": "New York City", "year": 2002}}.
 *
 * <p>{@code record_id} is a 32-bit integer: the worker's loader rejects any other, and a worker
 * keeps millions of these in memory (its duplicate check packs an id and an index into one
 * {@code long}). {@code year} is {@value #MIN_YEAR}..{@value #MAX_YEAR}.
 */
@RegisterForReflection
@JsonPropertyOrder({ "record_id", "name", "location", "year" })
public record PersonRecord(
        @JsonProperty("record_id") int recordId,
        String name,
        String location,
        int year) {

    /** The years a record may have; a query's year filter has the same range. */
    public static final int MIN_YEAR = 0;
    public static final int MAX_YEAR = 9999;
}
