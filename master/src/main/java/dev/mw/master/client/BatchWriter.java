package dev.mw.master.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the body of {@code POST /api/records/batch}:
 * {@code {"queries":[{"id","name","location","year"}, ...]}}, absent filters left out.
 */
final class BatchWriter {

    private final JsonFactory json;

    BatchWriter(ObjectMapper mapper) {
        this.json = mapper.getFactory();
    }

    byte[] write(List<WorkerQuery> queries) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(64 * queries.size());
             JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeArrayFieldStart("queries");
            for (WorkerQuery query : queries) {
                write(generator, query);
            }
            generator.writeEndArray();
            generator.writeEndObject();
            generator.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    private static void write(JsonGenerator generator, WorkerQuery query) throws IOException {
        generator.writeStartObject();
        if (query.requestId() != null) {
            generator.writeStringField("id", query.requestId());
        }
        if (query.name() != null) {
            generator.writeStringField("name", query.name());
        }
        if (query.location() != null) {
            generator.writeStringField("location", query.location());
        }
        if (query.year() != null) {
            generator.writeNumberField("year", query.year());
        }
        generator.writeEndObject();
    }
}
