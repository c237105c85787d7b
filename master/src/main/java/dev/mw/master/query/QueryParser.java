package dev.mw.master.query;

import static dev.mw.common.query.QueryLimits.MAX_TEXT_LENGTH;
import static dev.mw.common.query.QueryLimits.MAX_YEAR;
import static dev.mw.common.query.QueryLimits.MIN_YEAR;

import dev.mw.master.problem.ProblemException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns the query string of {@code GET /api/records} into a {@link RecordQuery}, or a 400 that says why. */
public final class QueryParser {

    private static final Set<String> KNOWN = Set.of("name", "location", "year", "allowPartial");
    /** ASCII digits only (no sign), at most as many as {@code MAX_YEAR} has. */
    private static final Pattern YEAR = Pattern.compile("\\d{1," + String.valueOf(MAX_YEAR).length() + "}");

    private QueryParser() {
    }

    public static RecordQuery parse(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!KNOWN.contains(parameter.getKey())) {
                throw ProblemException.badRequest("unknown parameter '" + printable(parameter.getKey())
                        + "'; use name, location, year and allowPartial");
            }
            if (parameter.getValue().size() > 1) {
                throw ProblemException.badRequest("'" + parameter.getKey() + "' is given more than once");
            }
        }
        String name = text(parameters, "name");
        String location = text(parameters, "location");
        Integer year = year(single(parameters, "year"));
        if (name == null && location == null && year == null) {
            throw ProblemException.badRequest("give at least one filter: name, location or year");
        }
        return new RecordQuery(name, location, year, allowPartial(single(parameters, "allowPartial")));
    }

    private static String single(Map<String, List<String>> parameters, String key) {
        List<String> values = parameters.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String text(Map<String, List<String>> parameters, String key) {
        String raw = single(parameters, key);
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (value.isEmpty()) {
            throw ProblemException.badRequest("'" + key + "' must not be empty");
        }
        if (value.codePointCount(0, value.length()) > MAX_TEXT_LENGTH) {
            throw ProblemException.badRequest("'" + key + "' is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return value;
    }

    private static Integer year(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (!YEAR.matcher(value).matches()
                || Integer.parseInt(value) < MIN_YEAR || Integer.parseInt(value) > MAX_YEAR) {
            throw ProblemException.badRequest("'year' must be an integer from " + MIN_YEAR + " to " + MAX_YEAR
                    + ", was '" + printable(raw) + "'");
        }
        return Integer.valueOf(value);
    }

    private static boolean allowPartial(String raw) {
        if (raw == null) {
            return true;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest("'allowPartial' must be true or false, was '" + printable(raw) + "'");
        };
    }

    /** Echo client input in a message without control characters and at a bounded length. */
    static String printable(String raw) {
        String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
        return shown.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
