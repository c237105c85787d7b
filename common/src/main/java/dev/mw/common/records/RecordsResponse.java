package dev.mw.common.records;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A worker's answer to {@code GET /api/records}: {@code {"group", "worker", "records": [...]}},
 * the matching records of its group in {@code record_id} order. The master reads it with a
 * streaming parser of its own (it keeps the records' text), not with this type.
 */
@RegisterForReflection
@JsonPropertyOrder({ "group", "worker", "records" })
public record RecordsResponse(String group, String worker, List<PersonRecord> records) {
}
