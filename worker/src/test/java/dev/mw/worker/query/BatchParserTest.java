package dev.mw.worker.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.mw.worker.data.RecordFilter;

class BatchParserTest {

    @Test
    void readsEachQueryInOrderWithItsIdAndFilter() {
        List<BatchEntry> queries = parse("{\"queries\":[{\"id\":\"rid-1\",\"name\":\" Alice \"},"
                + "{\"year\":2002,\"location\":\"Kansas City\",\"id\":null},{\"name\":\"bill\",\"location\":null}]}");

        assertEquals(List.of(
                new BatchEntry("rid-1", new RecordFilter("alice", null, null), null),
                new BatchEntry(null, new RecordFilter(null, "kansas city", 2002), null),
                new BatchEntry(null, new RecordFilter("bill", null, null), null)), queries);
    }

    @Test
    void anInvalidQueryIsRefusedWithTheGetsProblem() {
        BatchEntry query = parse("{\"queries\":[{\"id\":\"rid-9\",\"year\":123456789012}]}").get(0);

        assertEquals("rid-9", query.id());
        assertNull(query.filter());
        assertEquals(new InvalidQueryException("\"year\" must be an integer 0..9999, was \"123456789012\".").problem(),
                query.refusal());
    }

    @Test
    void aBodyThatEndsEarlyIsNotJsonAndSaysWhere() {
        assertEquals("The body is not valid JSON at line 2, column 1: Unexpected end-of-input: expected close marker "
                + "for Array (start marker at [line: 1, column: 12]).", detail("{\"queries\":[{\"name\":\"alice\"}\n"));
    }

    @Test
    void noBodyIsAnEmptyBody() {
        InvalidBatchException e = assertThrows(InvalidBatchException.class, () -> BatchParser.parse(Set.of(), null));

        assertEquals("The body is empty; send {\"queries\": [...]} with 1..64 queries.", e.problem().detail());
    }

    @Test
    void theSizeIsCheckedBeforeTheQueriesPastTheMax() {
        String valid = "{\"name\":\"alice\"},".repeat(64);

        assertEquals("\"queries\" has 67 queries; a batch has at most 64.",
                detail("{\"queries\":[" + valid + "{\"nmae\":1},[],7]}"));
    }

    private static String detail(String body) {
        return assertThrows(InvalidBatchException.class, () -> parse(body)).problem().detail();
    }

    private static List<BatchEntry> parse(String body) {
        return BatchParser.parse(Set.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
