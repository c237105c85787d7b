package dev.mw.master.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardRouterTest {

    private final ShardRouter router = new ShardRouter(GroupsParser.parse("am=a-m,nz=n-z"));

    @ParameterizedTest
    @CsvSource({
        "alice, am", "Alice, am", "'  bill ', am", "mike, am", "niko, nz", "Zen, nz",
        "Émile, am", "Ñandú, nz", "Øyvind, ''", "ｚｅｎ, nz", "ﬁona, am"
    })
    void routesByTheFoldedFirstLetter(String name, String group) {
        if (group.isEmpty()) {
            assertThrows(UnroutableNameException.class, () -> router.route(name));
        } else {
            assertEquals(group, router.route(name).name());
        }
    }

    @Test
    void decomposedAccentsAreDroppedToo() {
        assertEquals("am", router.route("E\u0301mile").name());
    }

    @Test
    void aNameNoGroupOwnsNamesTheCharacter() {
        UnroutableNameException e = assertThrows(UnroutableNameException.class, () -> router.route("7of9"));
        assertTrue(e.getMessage().contains("'7'"), e.getMessage());
        assertThrows(UnroutableNameException.class, () -> router.route("\u0301"));
        assertThrows(UnroutableNameException.class, () -> router.route("😀smile"));
    }

    @Test
    void aPartialDeclarationLeavesLettersUnowned() {
        ShardRouter partial = new ShardRouter(GroupsParser.parse("ab=a-b"));
        assertEquals("ab", partial.route("bob").name());
        assertThrows(UnroutableNameException.class, () -> partial.route("carol"));
    }
}
