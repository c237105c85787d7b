package dev.mw.master.readiness;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mw.common.names.LetterRange;
import dev.mw.master.group.GroupSpec;
import dev.mw.master.group.ShardRouter;
import dev.mw.master.group.UnroutableNameException;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a warm-up queries: distinct names from the records of a scatter answer, so name
 * queries write records as client queries do, plus, for each group none of them routes to, one
 * name per letter it owns, so that every group gets traffic even when it had no record to show.
 */
final class WarmUpNames {

    /** Enough to spread over the workers' indexes; more only costs the first answer's parsing. */
    static final int MAX_NAMES = 256;

    private WarmUpNames() {
    }

    /** @param scatterAnswer the body of a 200 scatter answer, or null when there was none */
    static List<String> of(byte[] scatterAnswer, ShardRouter router, ObjectMapper mapper) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> reached = new HashSet<>();
        for (String name : fromRecords(scatterAnswer, mapper)) {
            try {
                reached.add(router.route(name).name());
                names.add(name);
            } catch (UnroutableNameException e) {
                // a record no group owns is not worth a query
            }
        }
        for (GroupSpec group : router.groups()) {
            if (!reached.contains(group.name())) {
                for (LetterRange range : group.ranges()) {
                    for (char letter = range.from(); letter <= range.to(); letter++) {
                        names.add(String.valueOf(letter));
                    }
                }
            }
        }
        return List.copyOf(names);
    }

    /** The first names of the answer's records, read as a stream: a year's answer may hold many thousands. */
    private static Set<String> fromRecords(byte[] answer, ObjectMapper mapper) {
        Set<String> names = new LinkedHashSet<>();
        if (answer == null) {
            return names;
        }
        try (JsonParser parser = mapper.createParser(answer)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return names;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!field.equals("records") || value != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                while (names.size() < MAX_NAMES && parser.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode record = parser.readValueAsTree();
                    String name = record.path("name").asText("");
                    if (!name.isBlank()) {
                        names.add(name);
                    }
                }
                return names;
            }
        } catch (IOException e) {
            return Set.of(); // not the answer we know: the groups' letters will do
        }
        return names;
    }
}
