package dev.mw.worker.query;

import static dev.mw.common.query.QueryLimits.MAX_BATCH_SIZE;
import static dev.mw.common.query.QueryLimits.MAX_QUERY_ID_LENGTH;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.mw.worker.data.JsonValues;

/**
 * Reads the body of {@code POST /api/records/batch}:
 * {@code {"queries": [{"id": "rid-1", "name": "alice"}, ...]}}, 1 to {@value MAX_BATCH_SIZE}
 * queries of the fields {@code id}, {@code name}, {@code location} (strings) and {@code year}
 * (an integer), each optional, {@code null} as good as left out.
 *
 * <p>Anything else is an {@link InvalidBatchException} that says where, and no query is
 * answered. Read token by token rather than bound to {@code BatchRequest}, so that an unknown or
 * repeated field is refused, and a year written as an integer too large for an {@code int} is
 * refused as a query, with the GET's detail, like any other year out of range.
 */
final class BatchParser {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> QUERY_FIELDS = Set.of("id", "name", "location", "year");
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;]*; ");
    private static final String SHAPE = "{\"queries\": [...]} with 1.." + MAX_BATCH_SIZE + " queries";

    private BatchParser() {
    }

    /** The queries in the body's order, each with its filter or its refusal; {@code queryParameters} those of the URI. */
    static List<BatchEntry> parse(Set<String> queryParameters, byte[] body) {
        if (!queryParameters.isEmpty()) {
            throw invalid("A batch takes no query parameters; give the queries in the body.");
        }
        try (JsonParser parser = JSON.createParser(body == null ? new byte[0] : body)) {
            List<BatchEntry> queries = readBatch(parser);
            if (parser.nextToken() != null) {
                throw invalid("Unexpected content after the body's object at " + position(parser.currentTokenLocation()) + ".");
            }
            return queries;
        } catch (JsonProcessingException e) {
            throw invalid("The body is not valid JSON at " + position(e.getLocation()) + ": "
                    + oneLine(e.getOriginalMessage()) + ".");
        } catch (IOException e) { // read from a byte array: cannot happen
            throw new UncheckedIOException(e);
        }
    }

    private static List<BatchEntry> readBatch(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw invalid("The body is empty; send " + SHAPE + ".");
        }
        if (first != JsonToken.START_OBJECT) {
            throw invalid("The body must be a JSON object " + SHAPE + ", was " + JsonValues.describe(parser) + ".");
        }
        List<BatchEntry> queries = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            if (!parser.currentName().equals("queries")) {
                throw invalid("Unknown field " + JsonValues.describe(parser) + "; a batch has only \"queries\".");
            }
            if (queries != null) {
                throw invalid("\"queries\" given more than once.");
            }
            parser.nextToken();
            queries = readQueries(parser);
        }
        if (queries == null) {
            throw invalid("\"queries\" is missing; send " + SHAPE + ".");
        }
        return queries;
    }

    private static List<BatchEntry> readQueries(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw invalid("\"queries\" must be an array of 1.." + MAX_BATCH_SIZE + " queries, was "
                    + JsonValues.describe(parser) + ".");
        }
        List<BatchEntry> queries = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (queries.size() == MAX_BATCH_SIZE) {
                throw invalid("\"queries\" has " + count(parser, queries.size()) + " queries; a batch has at most "
                        + MAX_BATCH_SIZE + ".");
            }
            queries.add(readQuery(parser, "queries[" + queries.size() + "]"));
        }
        if (queries.isEmpty()) {
            throw invalid("\"queries\" is empty; a batch has 1.." + MAX_BATCH_SIZE + " queries.");
        }
        return queries;
    }

    /** How many queries the array holds: {@code read} so far and the rest, skipped. */
    private static int count(JsonParser parser, int read) throws IOException {
        int count = read;
        do {
            parser.skipChildren();
            count++;
        } while (parser.nextToken() != JsonToken.END_ARRAY);
        return count;
    }

    private static BatchEntry readQuery(JsonParser parser, String at) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw invalid(at + " must be an object of id, name, location and year, was "
                    + JsonValues.describe(parser) + ".");
        }
        Set<String> seen = new HashSet<>(4);
        String id = null;
        String name = null;
        String location = null;
        String year = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (!QUERY_FIELDS.contains(field)) {
                throw invalid(at + ": unknown field " + JsonValues.describe(parser)
                        + "; a query has id, name, location and year.");
            }
            if (!seen.add(field)) {
                throw invalid(at + ": \"" + field + "\" given more than once.");
            }
            parser.nextToken();
            switch (field) {
                case "id" -> id = id(parser, at);
                case "name" -> name = string(parser, at, field);
                case "location" -> location = string(parser, at, field);
                default -> year = integer(parser, at, field);
            }
        }
        return BatchEntry.of(id, name, location, year);
    }

    private static String id(JsonParser parser, String at) throws IOException {
        String id = string(parser, at, "id");
        if (id != null && id.codePointCount(0, id.length()) > MAX_QUERY_ID_LENGTH) {
            throw invalid(at + ": \"id\" must be at most " + MAX_QUERY_ID_LENGTH + " characters, was "
                    + id.codePointCount(0, id.length()) + ".");
        }
        return id;
    }

    private static String string(JsonParser parser, String at, String field) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> parser.getText();
            default -> throw invalid(at + ": \"" + field + "\" must be a string, was " + JsonValues.describe(parser) + ".");
        };
    }

    /** The integer as written, so that QueryParser words a year out of range as for the GET. */
    private static String integer(JsonParser parser, String at, String field) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> parser.getText();
            default -> throw invalid(at + ": \"" + field + "\" must be an integer, was " + JsonValues.describe(parser) + ".");
        };
    }

    private static InvalidBatchException invalid(String detail) {
        return new InvalidBatchException(detail);
    }

    private static String position(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's message on one line, without the "[Source: REDACTED ...; " it puts in a location it cites. */
    private static String oneLine(String message) {
        return SOURCE.matcher(message).replaceAll("[").replaceAll("\\s+", " ").strip();
    }
}
