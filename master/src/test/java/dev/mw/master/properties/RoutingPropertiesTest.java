package dev.mw.master.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mw.common.names.LetterRange;
import dev.mw.master.group.GroupSpec;
import dev.mw.master.group.GroupsParser;
import dev.mw.master.group.ShardRouter;
import dev.mw.master.group.UnroutableNameException;
import dev.mw.master.problem.ProblemException;
import dev.mw.master.query.QueryParser;
import dev.mw.master.query.RecordQuery;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Properties of the router, the groups parser and the query validator over generated input. */
class RoutingPropertiesTest {

    private static final int TRIES = 5_000;
    private final ShardRouter router = new ShardRouter(GroupsParser.parse("am=a-m,nz=n-z"));

    @Test
    void everyNameRoutesToTheGroupOfItsFoldedFirstLetterOrIsRejectedWithTheCharacter() {
        Gen gen = new Gen(1);
        for (int i = 0; i < TRIES; i++) {
            String name = gen.string(12);
            String folded = Normalizer.normalize(name.strip(), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
            int first = folded.isEmpty() ? -1 : folded.toLowerCase(Locale.ROOT).codePointAt(0);
            try {
                GroupSpec group = router.route(name);
                assertTrue(first >= 'a' && first <= 'z', "routed " + name);
                assertEquals(first <= 'm' ? "am" : "nz", group.name(), name);
            } catch (UnroutableNameException e) {
                assertTrue(first < 'a' || first > 'z', "rejected a routable name: " + name);
                assertTrue(e.getMessage().startsWith("no group owns") || e.getMessage().contains("no character"));
            }
        }
    }

    @Test
    void routingIgnoresCaseAndSurroundingSpace() {
        Gen gen = new Gen(2);
        for (int i = 0; i < TRIES; i++) {
            String name = gen.letters(1, 10);
            String variant = " ".repeat(gen.between(0, 3)) + name.toUpperCase(Locale.ROOT) + "\t".repeat(gen.between(0, 2));
            assertEquals(router.route(name), router.route(variant), variant);
        }
    }

    @Test
    void parsedGroupsNeverShareALetterAndRoundTrip() {
        Gen gen = new Gen(3);
        int accepted = 0;
        for (int i = 0; i < TRIES; i++) {
            StringBuilder declaration = new StringBuilder();
            for (int g = gen.between(1, 4); g > 0; g--) {
                char from = (char) ('a' + gen.between(0, 25));
                char to = (char) Math.min('z', from + gen.between(0, 8));
                declaration.append(declaration.length() == 0 ? "" : ",")
                        .append(gen.letters(1, 3)).append('=').append(from).append('-').append(to);
            }
            List<GroupSpec> groups;
            try {
                groups = GroupsParser.parse(declaration.toString());
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().length() > 10, "a message that says why: " + declaration);
                continue;
            }
            accepted++;
            Map<Character, String> owner = new HashMap<>();
            List<String> rebuilt = new ArrayList<>();
            for (GroupSpec group : groups) {
                for (LetterRange range : group.ranges()) {
                    for (char c = range.from(); c <= range.to(); c++) {
                        String previous = owner.put(c, group.name());
                        if (previous != null) {
                            fail("letter " + c + " owned by " + previous + " and " + group.name() + " in " + declaration);
                        }
                    }
                }
                rebuilt.add(group.name() + "=" + group.rangeText().replace(",", "+"));
            }
            assertEquals(groups, GroupsParser.parse(String.join(",", rebuilt)), "round trip of " + declaration);
        }
        assertTrue(accepted > TRIES / 10, "the generator also makes valid declarations: " + accepted);
    }

    @Test
    void theQueryValidatorEitherAcceptsATrimmedBoundedQueryOrSays400() {
        Gen gen = new Gen(4);
        String[] keys = {"name", "location", "year", "allowPartial", "nmae", "", "year"};
        for (int i = 0; i < TRIES; i++) {
            Map<String, List<String>> params = new HashMap<>();
            for (int p = gen.between(0, 4); p > 0; p--) {
                String value = gen.chance(0.3) ? String.valueOf(gen.between(-100, 12000)) : gen.string(gen.chance(0.05) ? 300 : 20);
                params.computeIfAbsent(gen.pick(keys), k -> new ArrayList<>()).add(value);
            }
            try {
                RecordQuery query = QueryParser.parse(params);
                assertTrue(query.name() != null || query.location() != null || query.year() != null);
                for (String text : new String[] {query.name(), query.location()}) {
                    if (text != null) {
                        assertEquals(text.strip(), text);
                        assertTrue(!text.isEmpty() && text.codePointCount(0, text.length()) <= 256);
                    }
                }
                assertTrue(query.year() == null || (query.year() >= 0 && query.year() <= 9999));
            } catch (ProblemException e) {
                assertEquals(400, e.problem().status());
                assertTrue(e.problem().detail().chars().noneMatch(c -> c == '\n' || c == '\r'), e.problem().detail());
            }
        }
    }
}
