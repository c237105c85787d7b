package dev.mw.master.query;

import static dev.mw.common.query.QueryLimits.MAX_TEXT_LENGTH;
import static dev.mw.common.query.QueryLimits.MAX_YEAR;
import static dev.mw.common.query.QueryLimits.MIN_YEAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParserTest {

    private static Map<String, List<String>> params(String... keyValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.computeIfAbsent(keyValues[i], k -> new java.util.ArrayList<>()).add(keyValues[i + 1]);
        }
        return map;
    }

    private static String rejection(String... keyValues) {
        ProblemException e = assertThrows(ProblemException.class, () -> QueryParser.parse(params(keyValues)));
        assertEquals(400, e.problem().status());
        return e.problem().detail();
    }

    @Test
    void trimsFiltersAndParsesTheYear() {
        RecordQuery q = QueryParser.parse(params("name", "  alice ", "location", " Kansas City", "year", "2002"));
        assertEquals(new RecordQuery("alice", "Kansas City", 2002, true), q);
        assertTrue(q.byName());
    }

    @Test
    void oneFilterIsEnough() {
        assertEquals(new RecordQuery(null, null, MIN_YEAR, true), QueryParser.parse(params("year", String.valueOf(MIN_YEAR))));
        assertEquals(MAX_YEAR, QueryParser.parse(params("year", String.valueOf(MAX_YEAR))).year());
        assertFalse(QueryParser.parse(params("location", "x")).byName());
    }

    @Test
    void allowPartialIsTrueUnlessSaidOtherwise() {
        assertTrue(QueryParser.parse(params("location", "x")).allowPartial());
        assertFalse(QueryParser.parse(params("location", "x", "allowPartial", "FALSE")).allowPartial());
        assertTrue(rejection("location", "x", "allowPartial", "maybe").contains("true or false"));
    }

    @Test
    void rejectsAQueryWithoutFilters() {
        assertTrue(rejection().contains("at least one filter"));
        assertTrue(rejection("allowPartial", "true").contains("at least one filter"));
    }

    @Test
    void rejectsEmptyAndOverlongText() {
        assertTrue(rejection("name", "   ").contains("'name' must not be empty"));
        assertTrue(rejection("location", "").contains("'location' must not be empty"));
        assertTrue(rejection("name", "a".repeat(MAX_TEXT_LENGTH + 1)).contains("longer than 256"));
        assertEquals("a".repeat(MAX_TEXT_LENGTH), QueryParser.parse(params("name", "a".repeat(MAX_TEXT_LENGTH))).name());
        // 256 characters outside the BMP are 512 chars but still 256 characters
        assertEquals(2 * MAX_TEXT_LENGTH, QueryParser.parse(params("name", "😀".repeat(MAX_TEXT_LENGTH))).name().length());
    }

    @Test
    void rejectsYearsThatAreNotIntegersFrom0To9999() {
        for (String bad : new String[] {"-1", String.valueOf(MAX_YEAR + 1), "00000", "20.5", "abc", "", "+5", "0x10", "99999999999"}) {
            assertTrue(rejection("year", bad).contains("'year' must be an integer from 0 to 9999"), bad);
        }
    }

    @Test
    void rejectsUnknownAndRepeatedParameters() {
        assertTrue(rejection("name", "a", "nmae", "b").contains("unknown parameter 'nmae'"));
        assertTrue(rejection("name", "a", "name", "b").contains("'name' is given more than once"));
    }

    @Test
    void echoesInputWithoutControlCharacters() {
        String detail = rejection("year", "1\n2");
        assertFalse(detail.contains("\n"));
        assertNull(QueryParser.parse(params("name", "x")).location());
    }
}
