package dev.mw.worker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mw.common.records.PersonRecord;

class RecordIndexTest {

    private static final PersonRecord ALICE = new PersonRecord(2, "alice", "New York City", 2002);
    private static final PersonRecord BILL = new PersonRecord(4, "bill", "Kansas City", 2002);
    private static final PersonRecord DEEP = new PersonRecord(12, "deep", "Kansas City", 2022);
    private static final PersonRecord ALICE_TOO = new PersonRecord(30, "Alice", "Kansas City", 2022);
    private static final PersonRecord EMILE = new PersonRecord(21, "Émile", "Paris", 1999);

    // Deliberately not in record_id order.
    private final RecordIndex index = RecordIndex.of(List.of(DEEP, ALICE_TOO, BILL, EMILE, ALICE));

    @Test
    void countsItsRecords() {
        assertEquals(5, index.size());
    }

    @Test
    void byName() {
        assertEquals(List.of(ALICE, ALICE_TOO), find("alice", null, null));
        assertEquals(List.of(BILL), find("bill", null, null));
        assertEquals(List.of(), find("zed", null, null));
    }

    @Test
    void byLocation() {
        assertEquals(List.of(BILL, DEEP, ALICE_TOO), find(null, "Kansas City", null));
        assertEquals(List.of(), find(null, "Kansas", null));
    }

    @Test
    void byYear() {
        assertEquals(List.of(ALICE, BILL), find(null, null, 2002));
        assertEquals(List.of(), find(null, null, 2003));
    }

    @Test
    void byLocationAndYear() {
        assertEquals(List.of(BILL), find(null, "Kansas City", 2002));
        assertEquals(List.of(ALICE), find(null, "New York City", 2002));
        assertEquals(List.of(), find(null, "Paris", 2002));
    }

    @Test
    void byNameAndLocationAndYear() {
        assertEquals(List.of(ALICE_TOO), find("alice", "kansas city", null));
        assertEquals(List.of(ALICE), find("alice", null, 2002));
        assertEquals(List.of(ALICE_TOO), find("ALICE", "Kansas City", 2022));
        assertEquals(List.of(), find("alice", "Paris", 2002));
    }

    @Test
    void nameAndLocationIgnoreCaseAndSurroundingSpaces() {
        assertEquals(List.of(ALICE, ALICE_TOO), find("  ALICE ", null, null));
        assertEquals(List.of(BILL, DEEP, ALICE_TOO), find(null, "\tkansas CITY  ", null));
        assertEquals(List.of(EMILE), find("émile", null, null));
        assertEquals(List.of(EMILE), find("ÉMILE", null, null));
    }

    @Test
    void innerSpacesAndAccentsStillCount() {
        assertEquals(List.of(), find(null, "KansasCity", null));
        assertEquals(List.of(), find("emile", null, null));
    }

    @Test
    void keysWithTheSameHashStayApart() {
        // "Aa" and "BB" share String.hashCode(), so they share every index run
        PersonRecord aa = new PersonRecord(1, "Aa", "Aa", 1);
        PersonRecord bb = new PersonRecord(2, "BB", "BB", 1);
        RecordIndex colliding = RecordIndex.of(List.of(bb, aa));

        assertEquals(List.of(aa), colliding.find(RecordFilter.of("aa", null, null)));
        assertEquals(List.of(bb), colliding.find(RecordFilter.of(null, "bb", null)));
        assertEquals(List.of(bb), colliding.find(RecordFilter.of(null, "BB", 1)));
        assertEquals(List.of(aa, bb), colliding.find(RecordFilter.of(null, null, 1)));
    }

    @Test
    void aLookupWithoutFilterIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> find(null, null, null));
    }

    @Test
    void answersAreLists() {
        assertEquals(List.of(), RecordIndex.of(List.of()).find(RecordFilter.of("x", null, null)));
    }

    private List<PersonRecord> find(String name, String location, Integer year) {
        return index.find(RecordFilter.of(name, location, year));
    }
}
