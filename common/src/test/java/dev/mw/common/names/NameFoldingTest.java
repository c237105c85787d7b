package dev.mw.common.names;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameFoldingTest {

    @ParameterizedTest
    @CsvSource({
        "alice, a", "Alice, a", "'  bill ', b", "Émile, e", "E\u0301mile, e", "Ñandú, n", "Øyvind, ø",
        "ｚｅｎ, z", "ﬁona, f", "7of9, 7"
    })
    void theFoldedFirstCharacter(String name, String folded) {
        assertEquals(folded.codePointAt(0), NameFolding.routingCodePoint(name));
    }

    @ParameterizedTest
    @CsvSource({"''", "'   '", "'\u0301'"})
    void nothingLeftAfterFoldingIsMinusOne(String name) {
        assertEquals(-1, NameFolding.routingCodePoint(name));
    }
}
