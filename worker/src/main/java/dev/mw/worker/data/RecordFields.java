package dev.mw.worker.data;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.mw.common.records.PersonRecord;

/**
 * Reads record objects from a parser positioned on their first token. Fields other than
 * the four of a record are skipped, so a file may carry more than the worker answers.
 * One instance reads a whole file, record after record, so a record costs no more objects
 * than the record itself and its strings.
 */
final class RecordFields {

    /** An invalid record; the message says which field and why, without the record index. */
    static final class InvalidRecord extends Exception {
        InvalidRecord(String message) {
            super(message, null, false, false);
        }
    }

    private final StringPool names;
    private final StringPool locations;

    private boolean hasRecordId;
    private int recordId;
    private String name;
    private String location;
    private boolean hasYear;
    private int year;

    RecordFields(StringPool names, StringPool locations) {
        this.names = names;
        this.locations = locations;
    }

    PersonRecord read(JsonParser parser) throws IOException, InvalidRecord {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidRecord("expected an object, found " + JsonValues.describe(parser));
        }
        hasRecordId = false;
        name = null;
        location = null;
        hasYear = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            accept(field, parser);
        }
        return toRecord();
    }

    private void accept(String field, JsonParser parser) throws IOException, InvalidRecord {
        switch (field) {
            case "record_id" -> {
                once(field, hasRecordId);
                recordId = readRecordId(parser);
                hasRecordId = true;
            }
            case "name" -> {
                once(field, name != null);
                name = readText(field, parser, names);
            }
            case "location" -> {
                once(field, location != null);
                location = readText(field, parser, locations);
            }
            case "year" -> {
                once(field, hasYear);
                year = readYear(parser);
                hasYear = true;
            }
            default -> parser.skipChildren();
        }
    }

    private PersonRecord toRecord() throws InvalidRecord {
        required("record_id", hasRecordId);
        required("name", name != null);
        required("location", location != null);
        required("year", hasYear);
        return new PersonRecord(recordId, name, location, year);
    }

    private static int readRecordId(JsonParser parser) throws IOException, InvalidRecord {
        if (!isInt(parser)) {
            throw new InvalidRecord("\"record_id\" must be a 32-bit integer, was " + JsonValues.describe(parser));
        }
        return parser.getIntValue();
    }

    private static int readYear(JsonParser parser) throws IOException, InvalidRecord {
        if (!isInt(parser) || parser.getIntValue() < PersonRecord.MIN_YEAR
                || parser.getIntValue() > PersonRecord.MAX_YEAR) {
            throw new InvalidRecord("\"year\" must be an integer " + PersonRecord.MIN_YEAR + ".."
                    + PersonRecord.MAX_YEAR + ", was "
                    + JsonValues.describe(parser));
        }
        return parser.getIntValue();
    }

    private static String readText(String field, JsonParser parser, StringPool pool)
            throws IOException, InvalidRecord {
        if (parser.currentToken() != JsonToken.VALUE_STRING
                || isBlank(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength())) {
            throw new InvalidRecord("\"" + field + "\" must be a non-empty string, was "
                    + JsonValues.describe(parser));
        }
        return pool.of(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    /** As {@link String#isBlank()}: no surrogate is whitespace, so char by char gives the same answer. */
    private static boolean isBlank(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (!Character.isWhitespace(chars[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInt(JsonParser parser) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() == JsonParser.NumberType.INT;
    }

    private static void once(String field, boolean seen) throws InvalidRecord {
        if (seen) {
            throw new InvalidRecord("\"" + field + "\" appears twice");
        }
    }

    private static void required(String field, boolean present) throws InvalidRecord {
        if (!present) {
            throw new InvalidRecord("\"" + field + "\" is missing");
        }
    }
}
