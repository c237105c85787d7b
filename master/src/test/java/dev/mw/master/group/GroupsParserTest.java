package dev.mw.master.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupsParserTest {

    @Test
    void parsesTheDefaultDeclaration() {
        List<GroupSpec> groups = GroupsParser.parse("am=a-m,nz=n-z");
        assertEquals(List.of("am", "nz"), groups.stream().map(GroupSpec::name).toList());
        assertEquals("a-m", groups.get(0).rangeText());
        assertEquals("n-z", groups.get(1).rangeText());
    }

    @Test
    void aGroupMayHaveSeveralSpans() {
        List<GroupSpec> groups = GroupsParser.parse(" ae=a-e, g-h ,f=f, x=i-z ");
        assertEquals("a-e,g-h", groups.get(0).rangeText());
        assertEquals("f", groups.get(1).rangeText());
        assertTrue(groups.get(0).owns('g'));
    }

    @Test
    void plusJoinsSpansAndRepeatedNamesAddThem() {
        List<GroupSpec> groups = GroupsParser.parse("odd=a-c+x-y,even=d-w,odd=Z");
        assertEquals(List.of("odd", "even"), groups.stream().map(GroupSpec::name).toList());
        assertTrue(groups.get(0).owns('z'));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                 | mw.groups is empty",
        "am=a-m,nz=m-z      | groups 'am' (a-m) and 'nz' (m-z) share letters",
        "am=a-m,am=c        | group 'am' lists a-m and c share letters",
        "am=m-a             | group 'am': range m-a ends before it starts",
        "am=a-m,,nz=n-z     | empty declaration",
        "a-m                | is not name=range",
        "AM=a-m             | must be a DNS label",
        "am=1-9             | group 'am' has '1-9'; a range is a letter or a letter span",
        "am=a-mm            | a range is a letter or a letter span",
        "am=                | a range is a letter or a letter span",
        "am=a-m+            | group 'am' has ''; a range is a letter or a letter span",
    })
    void rejectsBadDeclarationsWithAMessageThatSaysWhy(String declaration, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroupsParser.parse(declaration));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
