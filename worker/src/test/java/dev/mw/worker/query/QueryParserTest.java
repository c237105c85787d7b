package dev.mw.worker.query;

import static dev.mw.common.query.QueryLimits.MAX_TEXT_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mw.worker.data.MatchKey;
import dev.mw.worker.data.RecordFilter;

class QueryParserTest {

    @Test
    void parsesEachFilterAndNormalisesText() {
        assertEquals(new RecordFilter("alice", null, null), parse("name", " Alice "));
        assertEquals(new RecordFilter(null, "kansas city", null), parse("location", "Kansas City"));
        assertEquals(new RecordFilter(null, null, 2002), parse("year", "2002"));
        assertEquals(new RecordFilter("bill", "kansas city", 0), parse("name", "bill", "location", "kansas city", "year", "0"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "9999", "0042", " 2002 " })
    void acceptsYearsInRange(String year) {
        assertEquals(Integer.parseInt(year.strip()), parse("year", year).year());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "10000", "-1", "+5", "20.0", "abc", "2e3", "99999999999999" })
    void rejectsOtherYears(String year) {
        assertEquals("\"year\" must be an integer 0..9999, was \"" + year + "\".", detail("year", year));
    }

    @Test
    void rejectsNoFilter() {
        assertEquals("Give at least one filter: name, location or year.", detail());
    }

    @Test
    void rejectsEmptyText() {
        assertEquals("\"name\" must not be empty.", detail("name", ""));
        assertEquals("\"location\" must not be empty.", detail("location", "   "));
    }

    @Test
    void limitsTextTo256Characters() {
        assertEquals("x".repeat(MAX_TEXT_LENGTH), parse("name", "x".repeat(MAX_TEXT_LENGTH)).name());
        assertEquals("\"name\" must be at most 256 characters, was 257.", detail("name", "x".repeat(MAX_TEXT_LENGTH + 1)));
        assertEquals("\"location\" must be at most 256 characters, was 300.", detail("location", "y".repeat(300)));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00";
        assertEquals(MatchKey.of(emoji.repeat(MAX_TEXT_LENGTH)), parse("name", emoji.repeat(MAX_TEXT_LENGTH)).name());
    }

    @Test
    void rejectsRepeatedFilter() {
        Map<String, List<String>> params = Map.of("name", List.of("alice", "bill"));

        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> QueryParser.parse(params));

        assertEquals("\"name\" given more than once; give each filter at most once.", e.problem().detail());
    }

    @Test
    void rejectsUnknownParametersByName() {
        assertEquals("Unknown query parameter \"nmae\"; the filters are name, location and year.",
                detail("nmae", "alice"));
        assertEquals("Unknown query parameters \"a\", \"b\"; the filters are name, location and year.",
                detail("b", "1", "name", "alice", "a", "2"));
    }

    @Test
    void aBatchQuerysFiltersAreCheckedByTheSameRules() {
        assertEquals(new RecordFilter("alice", "kansas city", 2002), QueryParser.filter(" Alice", "Kansas City ", "2002"));
        assertEquals(new RecordFilter(null, null, 0), QueryParser.filter(null, null, "0"));
        assertEquals("Give at least one filter: name, location or year.",
                assertThrows(InvalidQueryException.class, () -> QueryParser.filter(null, null, null)).problem().detail());
        assertEquals(detail("name", " "),
                assertThrows(InvalidQueryException.class, () -> QueryParser.filter(" ", null, null)).problem().detail());
        assertEquals(detail("year", "-1"),
                assertThrows(InvalidQueryException.class, () -> QueryParser.filter("alice", null, "-1")).problem().detail());
    }

    @Test
    void aGetReportsTheFirstFilterInNameLocationYearOrder() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("year", List.of("1", "2"));
        params.put("name", List.of(""));

        assertEquals("\"name\" must not be empty.",
                assertThrows(InvalidQueryException.class, () -> QueryParser.parse(params)).problem().detail());
    }

    @Test
    void problemIsA400() {
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> parse());

        assertEquals(400, e.problem().status());
        assertEquals("Invalid query", e.problem().title());
        assertEquals("urn:mw:problem:invalid-query", e.problem().type());
    }

    private static String detail(String... pairs) {
        return assertThrows(InvalidQueryException.class, () -> parse(pairs)).problem().detail();
    }

    private static RecordFilter parse(String... pairs) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], List.of(pairs[i + 1]));
        }
        return QueryParser.parse(params);
    }
}
