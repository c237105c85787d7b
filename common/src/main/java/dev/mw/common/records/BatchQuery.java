package dev.mw.common.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One query of a {@link BatchRequest}: {@code {"id": "rid-1", "name": "alice"}}. The filters are
 * those of {@code GET /api/records}, each {@code null} when not given; {@code id} is the query's
 * request id, only for the worker's logs, at most {@code QueryLimits.MAX_QUERY_ID_LENGTH}
 * characters.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "name", "location", "year" })
public record BatchQuery(String id, String name, String location, Integer year) {
}
