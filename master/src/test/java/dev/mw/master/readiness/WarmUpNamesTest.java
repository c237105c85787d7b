package dev.mw.master.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mw.master.group.GroupsParser;
import dev.mw.master.group.ShardRouter;
import dev.mw.master.support.TestRegistries;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WarmUpNamesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> AM_LETTERS = letters('a', 'm');
    private static final List<String> NZ_LETTERS = letters('n', 'z');

    @Test
    void theDistinctNamesOfTheRecordsInTheirOrder() {
        byte[] answer = answer("alice", "niko", "alice", "zen");
        assertEquals(List.of("alice", "niko", "zen"), WarmUpNames.of(answer, TestRegistries.ROUTER, MAPPER));
    }

    @Test
    void aGroupNoRecordReachesGetsANamePerLetterItOwns() {
        List<String> expected = new ArrayList<>(List.of("alice", "bill"));
        expected.addAll(NZ_LETTERS);
        assertEquals(expected, WarmUpNames.of(answer("alice", "bill"), TestRegistries.ROUTER, MAPPER));
    }

    @Test
    void noAnswerOrOneNotOfRecordsGivesTheLettersOfEveryGroup() {
        List<String> all = new ArrayList<>(AM_LETTERS);
        all.addAll(NZ_LETTERS);
        assertEquals(all, WarmUpNames.of(null, TestRegistries.ROUTER, MAPPER));
        assertEquals(all, WarmUpNames.of("not json".getBytes(StandardCharsets.UTF_8), TestRegistries.ROUTER, MAPPER));
        assertEquals(all, WarmUpNames.of("{\"records\":[]}".getBytes(StandardCharsets.UTF_8), TestRegistries.ROUTER, MAPPER));
    }

    @Test
    void namesNoGroupOwnsAreLeftOut() {
        ShardRouter am = new ShardRouter(GroupsParser.parse("am=a-m"));
        assertEquals(List.of("alice"), WarmUpNames.of(answer("alice", "zen", "9lives"), am, MAPPER));
    }

    @Test
    void atMostAFewHundredFromAnAnswerOfManyRecords() {
        String[] many = IntStream.range(0, 1000).mapToObj(i -> "a" + i).toArray(String[]::new);
        List<String> names = WarmUpNames.of(answer(many), TestRegistries.ROUTER, MAPPER);
        assertEquals(WarmUpNames.MAX_NAMES + NZ_LETTERS.size(), names.size());
        assertEquals("a0", names.get(0));
    }

    /** A master's answer: records first, as QueryAnswer writes them, then the rest. */
    private static byte[] answer(String... names) {
        StringBuilder json = new StringBuilder("{\"records\":[");
        for (int i = 0; i < names.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"record_id\":").append(i).append(",\"name\":\"").append(names[i])
                    .append("\",\"location\":\"Paris\",\"year\":2002}");
        }
        return json.append("],\"partial\":false,\"shards\":{\"total\":2}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> letters(char from, char to) {
        return IntStream.rangeClosed(from, to).mapToObj(c -> String.valueOf((char) c)).toList();
    }
}
