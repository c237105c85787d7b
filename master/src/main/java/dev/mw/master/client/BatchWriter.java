package dev.mw.master.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.mw.common.records.BatchQuery;
import dev.mw.common.records.BatchRequest;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the body of {@code POST /api/records/batch}, the contract's {@link BatchRequest}:
 * {@code {"queries":[{"id","name","location","year"}, ...]}}, absent filters left out.
 */
final class BatchWriter {

    private final ObjectWriter writer;

    BatchWriter(ObjectMapper mapper) {
        this.writer = mapper.writerFor(BatchRequest.class);
    }

    byte[] write(List<WorkerQuery> queries) {
        List<BatchQuery> batch = queries.stream()
                .map(q -> new BatchQuery(q.requestId(), q.name(), q.location(), q.year())).toList();
        try {
            return writer.writeValueAsBytes(new BatchRequest(batch));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // records of strings and numbers: cannot happen
        }
    }
}
