package dev.mw.worker.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One record of a data file, answered exactly as the file holds it. */
@JsonPropertyOrder({ "record_id", "name", "location", "year" })
public record PersonRecord(
        @JsonProperty("record_id") int recordId,
        String name,
        String location,
        int year) {
}
