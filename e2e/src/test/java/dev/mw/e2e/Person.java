package dev.mw.e2e;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One record as the API returns it: {@code {"record_id", "name", "location", "year"}}. */
public record Person(
        @JsonProperty(value = "record_id", required = true) int recordId,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String location,
        @JsonProperty(required = true) int year) {

    @Override
    public String toString() {
        return "{" + recordId + ", " + name + ", " + location + ", " + year + "}";
    }
}
