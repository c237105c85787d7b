package dev.mw.worker.query;

import static dev.mw.common.query.QueryLimits.MAX_TEXT_LENGTH;
import static dev.mw.common.query.QueryLimits.MAX_YEAR;
import static dev.mw.common.query.QueryLimits.MIN_YEAR;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.mw.worker.data.RecordFilter;

/**
 * Turns one query's filters into a {@link RecordFilter}, or an {@link InvalidQueryException}:
 * the query parameters of {@code GET /api/records}, and each query of a batch
 * ({@link BatchParser}), by the same rules and with the same details.
 */
public final class QueryParser {

    static final Set<String> FILTERS = Set.of("name", "location", "year");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private QueryParser() {
    }

    /** The query parameters of {@code GET /api/records}: each filter at most once, no others. */
    public static RecordFilter parse(Map<String, List<String>> params) {
        rejectUnknown(params.keySet());
        String name = text("name", single(params, "name"));
        String location = text("location", single(params, "location"));
        return atLeastOne(name, location, year(single(params, "year")));
    }

    /**
     * One query's filters as given, {@code null} for one not given; {@code year} as written
     * (a query parameter, or the text of a JSON number).
     */
    public static RecordFilter filter(String name, String location, String year) {
        return atLeastOne(text("name", name), text("location", location), year(year));
    }

    private static RecordFilter atLeastOne(String name, String location, Integer year) {
        if (name == null && location == null && year == null) {
            throw new InvalidQueryException("Give at least one filter: name, location or year.");
        }
        return RecordFilter.of(name, location, year);
    }

    private static void rejectUnknown(Set<String> given) {
        Set<String> unknown = new TreeSet<>(given);
        unknown.removeAll(FILTERS);
        if (!unknown.isEmpty()) {
            String names = unknown.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
            throw new InvalidQueryException("Unknown query parameter" + (unknown.size() > 1 ? "s " : " ")
                    + names + "; the filters are name, location and year.");
        }
    }

    private static String text(String key, String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidQueryException("\"" + key + "\" must not be empty.");
        }
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length > MAX_TEXT_LENGTH) {
            throw new InvalidQueryException("\"" + key + "\" must be at most " + MAX_TEXT_LENGTH
                    + " characters, was " + length + ".");
        }
        return trimmed;
    }

    private static Integer year(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (!DIGITS.matcher(trimmed).matches()
                || Integer.parseInt(trimmed) < MIN_YEAR || Integer.parseInt(trimmed) > MAX_YEAR) {
            throw new InvalidQueryException("\"year\" must be an integer " + MIN_YEAR + ".." + MAX_YEAR
                    + ", was \"" + shorten(value) + "\".");
        }
        return Integer.parseInt(trimmed);
    }

    private static String single(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidQueryException("\"" + key + "\" given more than once; give each filter at most once.");
        }
        return values.get(0);
    }

    private static String shorten(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "...";
    }
}
