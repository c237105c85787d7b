package dev.mw.master.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.mw.common.records.PersonRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * Reads a worker's {@code {"group", "worker", "records": [...]}} with one pass of a streaming
 * parser. When every record is exactly {@code record_id, name, location, year} with the right
 * types ({@code record_id} and {@code year} 32-bit integers) and the ids ascend, the array's text
 * is kept as it is ({@link RecordsJson}); otherwise the records are bound, sorted by id and written
 * out again, as the master always did before.
 * Anything that is not JSON, or not that shape, is an {@link IOException}.
 */
public final class WorkerAnswerReader {

    private static final int RECORD_ID = 1;
    private static final int NAME = 2;
    private static final int LOCATION = 4;
    private static final int YEAR = 8;
    private static final int ALL_FIELDS = RECORD_ID | NAME | LOCATION | YEAR;
    private static final int MAX_DETAIL = 300;

    private final JsonFactory json;
    private final ObjectReader recordsReader;
    private final ObjectWriter recordsWriter;

    public WorkerAnswerReader(ObjectMapper mapper) {
        this.json = mapper.getFactory();
        // a newer worker's extra fields are dropped, not a failure
        this.recordsReader = mapper.readerFor(PersonRecord[].class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.recordsWriter = mapper.writerFor(PersonRecord[].class);
    }

    public WorkerAnswer read(byte[] body) throws IOException {
        Envelope<RecordsJson> answer = envelope(body, "records", this::records);
        return new WorkerAnswer(answer.group, answer.worker, answer.payload);
    }

    /**
     * Reads a worker's batch answer {@code {"group", "worker", "answers": [...]}}: each answer is
     * {@code {"records": [...]}} (read as in {@link #read}) or a refusal {@code {"status", "detail"}}.
     */
    public BatchReply readBatch(byte[] body) throws IOException {
        Envelope<List<BatchPart>> answer = envelope(body, "answers", this::answers);
        if (answer.payload == null) {
            throw new JsonParseException(null, "a worker's batch answer must have 'answers'");
        }
        return new BatchReply(answer.group, answer.worker, answer.payload.stream()
                .map(p -> p.answer() == null ? p
                        : BatchPart.answered(new WorkerAnswer(answer.group, answer.worker, p.answer().records())))
                .toList());
    }

    /** How the value of an answer's one field of substance is read, at its first token. */
    @FunctionalInterface
    private interface FieldReader<T> {
        T read(JsonParser parser, byte[] body) throws IOException;
    }

    /** An answer's {@code group} and {@code worker}, and its field of substance (null when absent). */
    private record Envelope<T>(String group, String worker, T payload) {
    }

    private <T> Envelope<T> envelope(byte[] body, String payloadField, FieldReader<T> payloadReader) throws IOException {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "a worker's answer must be a JSON object");
            }
            String group = null;
            String worker = null;
            T payload = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "group" -> group = text(parser);
                    case "worker" -> worker = text(parser);
                    default -> {
                        if (field.equals(payloadField)) {
                            payload = payloadReader.read(parser, body);
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            }
            return new Envelope<>(group, worker, payload);
        }
    }

    private List<BatchPart> answers(JsonParser parser, byte[] body) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new JsonParseException(parser, "'answers' must be an array");
        }
        List<BatchPart> parts = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "an answer must be a JSON object");
            }
            parts.add(answer(parser, body));
        }
        return parts;
    }

    /** One answer of a batch; the group and worker are the batch's, filled in by the caller. */
    private BatchPart answer(JsonParser parser, byte[] body) throws IOException {
        RecordsJson records = null;
        int status = 0;
        String detail = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "records" -> records = records(parser, body);
                case "status" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT) {
                        throw new JsonParseException(parser, "'status' must be an integer");
                    }
                    status = parser.getIntValue();
                }
                case "detail" -> detail = text(parser);
                default -> parser.skipChildren();
            }
        }
        if (records != null) {
            return BatchPart.answered(new WorkerAnswer(null, null, records));
        }
        if (status >= 400 && status < 500) {
            return BatchPart.refused(status, cut(detail));
        }
        throw new JsonParseException(parser, "an answer must have 'records' or a 4xx 'status'");
    }

    /**
     * The {@code detail} of a worker's {@code application/problem+json} answer, cut to
     * {@value #MAX_DETAIL} characters; null when the body is not such a problem.
     */
    public String problemDetail(byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("detail".equals(field) && value == JsonToken.VALUE_STRING) {
                    return cut(parser.getText());
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String cut(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
    }

    private static String text(JsonParser parser) throws IOException {
        if (parser.currentToken().isStructStart()) {
            throw new JsonParseException(parser, "'" + parser.currentName() + "' must be a string");
        }
        return parser.currentToken() == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    private RecordsJson records(JsonParser parser, byte[] body) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return RecordsJson.EMPTY;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new JsonParseException(parser, "'records' must be an array");
        }
        int start = (int) parser.currentTokenLocation().getByteOffset();
        Scan scan = new Scan();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            scan.count++;
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                scan.record(parser);
            } else {
                scan.canonical = false;
                parser.skipChildren();
            }
        }
        int end = (int) parser.currentLocation().getByteOffset();
        if (scan.canonical) {
            return new RecordsJson(new String(body, start, end - start, StandardCharsets.UTF_8), scan.count);
        }
        return normalised(body, start, end);
    }

    /** The slow path: bind, sort by id, write. Same answer as for a canonical array, whatever the worker sent. */
    private RecordsJson normalised(byte[] body, int start, int end) throws IOException {
        PersonRecord[] records = recordsReader.readValue(body, start, end - start);
        if (Arrays.stream(records).anyMatch(Objects::isNull)) {
            throw new JsonParseException(null, "a record is null");
        }
        Arrays.sort(records, Comparator.comparingInt(PersonRecord::recordId));
        return new RecordsJson(recordsWriter.writeValueAsString(records), records.length);
    }

    /** What one pass over the array found: how many records, and whether its text can be kept as it is. */
    private static final class Scan {
        int count;
        boolean canonical = true;
        long lastId = Long.MIN_VALUE;

        void record(JsonParser parser) throws IOException {
            int seen = 0;
            long id = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                int bit = switch (field) {
                    case "record_id" -> isInt(parser, value) ? RECORD_ID : 0;
                    case "name" -> isText(parser, value) ? NAME : 0;
                    case "location" -> isText(parser, value) ? LOCATION : 0;
                    case "year" -> isInt(parser, value) ? YEAR : 0;
                    default -> 0;
                };
                if (bit == 0 || (seen & bit) != 0) {
                    canonical = false;
                    parser.skipChildren();
                }
                if (bit == RECORD_ID) {
                    id = parser.getLongValue();
                }
                seen |= bit;
            }
            if (seen != ALL_FIELDS || id < lastId) {
                canonical = false;
            }
            lastId = Math.max(lastId, id);
        }

        /** Anything else takes the slow path, where binding rejects what is not a 32-bit integer. */
        private static boolean isInt(JsonParser parser, JsonToken value) throws IOException {
            return value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT;
        }

        /** Decoding the text (without keeping it) is what checks it is valid UTF-8. */
        private static boolean isText(JsonParser parser, JsonToken value) throws IOException {
            return value == JsonToken.VALUE_STRING && parser.getTextLength() >= 0;
        }
    }
}
