package dev.mw.common.records;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The body of a worker's {@code POST /api/records/batch}: {@code {"queries": [...]}}, 1 to
 * {@code QueryLimits.MAX_BATCH_SIZE} queries, answered in one {@link BatchResponse}.
 */
@RegisterForReflection
@JsonPropertyOrder({ "queries" })
public record BatchRequest(List<BatchQuery> queries) {
}
