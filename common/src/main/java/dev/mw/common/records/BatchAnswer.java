package dev.mw.common.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A worker's answer to one query of a batch: either its records,
 * {@code {"records": [...]}} as {@code GET /api/records} gives them, or the refusal that GET
 * would have given, {@code {"status": 400, "detail": "..."}}. The other fields are left out.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "records", "status", "detail" })
public record BatchAnswer(List<PersonRecord> records, Integer status, String detail) {

    /** The query's matching records, in {@code record_id} order; empty when none match. */
    public static BatchAnswer found(List<PersonRecord> records) {
        return new BatchAnswer(records, null, null);
    }

    /** The query could not be answered as asked; the status and detail of the GET's problem. */
    public static BatchAnswer refused(int status, String detail) {
        return new BatchAnswer(null, status, detail);
    }
}
