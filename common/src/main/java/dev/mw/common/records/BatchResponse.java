package dev.mw.common.records;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A worker's answer to {@code POST /api/records/batch}: {@code {"group", "worker", "answers": [...]}},
 * one {@link BatchAnswer} per query, in the order of the request's queries.
 */
@RegisterForReflection
@JsonPropertyOrder({ "group", "worker", "answers" })
public record BatchResponse(String group, String worker, List<BatchAnswer> answers) {
}
