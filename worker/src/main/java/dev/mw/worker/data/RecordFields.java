package dev.mw.worker.data;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads one record object from a parser positioned on its first token. Fields other than
 * the four of a record are skipped, so a file may carry more than the worker answers.
 */
final class RecordFields {

    static final int MAX_YEAR = 9999;

    /** An invalid record; the message says which field and why, without the record index. */
    static final class InvalidRecord extends Exception {
        InvalidRecord(String message) {
            super(message, null, false, false);
        }
    }

    private Integer recordId;
    private String name;
    private String location;
    private Integer year;

    private final StringPool names;
    private final StringPool locations;

    private RecordFields(StringPool names, StringPool locations) {
        this.names = names;
        this.locations = locations;
    }

    static PersonRecord read(JsonParser parser, StringPool names, StringPool locations)
            throws IOException, InvalidRecord {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidRecord("expected an object, found " + JsonValues.describe(parser));
        }
        RecordFields fields = new RecordFields(names, locations);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            fields.accept(field, parser);
        }
        return fields.toRecord();
    }

    private void accept(String field, JsonParser parser) throws IOException, InvalidRecord {
        switch (field) {
            case "record_id" -> recordId = once(field, recordId, readRecordId(parser));
            case "name" -> name = once(field, name, names.share(readText(field, parser)));
            case "location" -> location = once(field, location, locations.share(readText(field, parser)));
            case "year" -> year = once(field, year, readYear(parser));
            default -> parser.skipChildren();
        }
    }

    private PersonRecord toRecord() throws InvalidRecord {
        required("record_id", recordId);
        required("name", name);
        required("location", location);
        required("year", year);
        return new PersonRecord(recordId, name, location, year);
    }

    private static int readRecordId(JsonParser parser) throws IOException, InvalidRecord {
        if (!isInt(parser)) {
            throw new InvalidRecord("\"record_id\" must be a 32-bit integer, was " + JsonValues.describe(parser));
        }
        return parser.getIntValue();
    }

    private static int readYear(JsonParser parser) throws IOException, InvalidRecord {
        if (!isInt(parser) || parser.getIntValue() < 0 || parser.getIntValue() > MAX_YEAR) {
            throw new InvalidRecord("\"year\" must be an integer 0.." + MAX_YEAR + ", was "
                    + JsonValues.describe(parser));
        }
        return parser.getIntValue();
    }

    private static String readText(String field, JsonParser parser) throws IOException, InvalidRecord {
        if (parser.currentToken() != JsonToken.VALUE_STRING || parser.getText().isBlank()) {
            throw new InvalidRecord("\"" + field + "\" must be a non-empty string, was "
                    + JsonValues.describe(parser));
        }
        return parser.getText();
    }

    private static boolean isInt(JsonParser parser) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() == JsonParser.NumberType.INT;
    }

    private static <T> T once(String field, T previous, T value) throws InvalidRecord {
        if (previous != null) {
            throw new InvalidRecord("\"" + field + "\" appears twice");
        }
        return value;
    }

    private static void required(String field, Object value) throws InvalidRecord {
        if (value == null) {
            throw new InvalidRecord("\"" + field + "\" is missing");
        }
    }
}
