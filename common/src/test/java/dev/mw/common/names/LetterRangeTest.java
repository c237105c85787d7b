package dev.mw.common.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spans of mw.groups (master) and mw.range (worker), read by one parser. */
class LetterRangeTest {

    @Test
    void oneSpan() {
        assertEquals(List.of(new LetterRange('a', 'm')), LetterRange.parseAll("a-m", "test"));
    }

    @Test
    void severalSpansAndSingleLettersJoinedByPlusOrCommaIgnoringCaseAndSpaces() {
        assertEquals(List.of(new LetterRange('a', 'c'), new LetterRange('x', 'x'), new LetterRange('z', 'z')),
                LetterRange.parseAll(" A-C+x, Z ", "test"));
    }

    @Test
    void writesItselfAsItIsRead() {
        assertEquals("a-m", new LetterRange('a', 'm').toString());
        assertEquals("x", new LetterRange('x', 'x').toString());
    }

    @Test
    void containsAndOverlaps() {
        LetterRange am = new LetterRange('a', 'm');
        assertTrue(am.contains('a'));
        assertTrue(am.contains('m'));
        assertFalse(am.contains('n'));
        assertFalse(am.contains('A'));
        assertFalse(am.contains(NameFolding.routingCodePoint("Øyvind")));
        assertTrue(am.overlaps(new LetterRange('m', 'z')));
        assertFalse(am.overlaps(new LetterRange('n', 'z')));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "m-a    | group 'am': range m-a ends before it starts",
        "1-9    | group 'am' has '1-9'; a range is a letter or a letter span like a-m, several joined by +",
        "a-mm   | group 'am' has 'a-mm'; a range is a letter or a letter span",
        "am     | group 'am' has 'am'; a range is a letter or a letter span",
        "a-     | group 'am' has 'a-'; a range is a letter or a letter span",
        "a-m+   | group 'am' has ''; a range is a letter or a letter span",
        "a-m,,z | group 'am' has ''; a range is a letter or a letter span",
        "''     | group 'am' has ''; a range is a letter or a letter span",
        "é      | group 'am' has 'é'; a range is a letter or a letter span",
    })
    void rejectsWhatItCannotReadNamingTheSubjectAndTheSpan(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LetterRange.parseAll(text, "group 'am'"));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void aRangeIsOfLowerCaseLettersInOrder() {
        assertThrows(IllegalArgumentException.class, () -> new LetterRange('m', 'a'));
        assertThrows(IllegalArgumentException.class, () -> new LetterRange('A', 'M'));
        assertThrows(IllegalArgumentException.class, () -> new LetterRange('a', '{'));
    }
}
