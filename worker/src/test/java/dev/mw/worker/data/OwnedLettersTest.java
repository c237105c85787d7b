package dev.mw.worker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mw.worker.StartupFailure;

class OwnedLettersTest {

    @Test
    void ownsNamesByTheMastersFolding() {
        OwnedLetters am = OwnedLetters.parse("a-m");
        assertTrue(am.owns("alice"));
        assertTrue(am.owns("Émile"));
        assertTrue(am.owns("ﬁona"));
        assertTrue(am.owns("  mike"));
        assertFalse(am.owns("niko"));
        assertFalse(am.owns("ｚｅｎ"));
        assertFalse(am.owns("7of9"));
        assertFalse(am.owns("Øyvind"), "no group owns ø, as on the master");
    }

    @Test
    void severalSpansAndSingleLetters() {
        OwnedLetters letters = OwnedLetters.parse(" A-C+x,Z ");
        assertTrue(letters.owns("bob"));
        assertTrue(letters.owns("xena"));
        assertTrue(letters.owns("zoe"));
        assertFalse(letters.owns("dan"));
        assertFalse(letters.owns("yuri"));
        assertEquals("a-c+x,z", letters.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "am", "a-", "m-a", "a-m+", "1-9", "a-mm"})
    void rejectsWhatItCannotRead(String value) {
        StartupFailure e = assertThrows(StartupFailure.class, () -> OwnedLetters.parse(value));
        assertTrue(e.getMessage().startsWith("mw.range"), e.getMessage());
    }
}
