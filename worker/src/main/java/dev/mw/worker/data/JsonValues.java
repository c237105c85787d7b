package dev.mw.worker.data;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;

/** Describes the parser's current value or field name for error messages: {@code 12000}, {@code "x"}, {@code an object}. */
public final class JsonValues {

    private static final int MAX_SHOWN = 40;

    private JsonValues() {
    }

    public static String describe(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING, FIELD_NAME -> "\"" + shorten(parser.getText()) + "\"";
            case VALUE_NULL -> "null";
            default -> shorten(parser.getText());
        };
    }

    private static String shorten(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }
}
