package dev.mw.master.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mw.common.records.PersonRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkerAnswerReaderTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final WorkerAnswerReader reader = new WorkerAnswerReader(mapper);

    private WorkerAnswer read(String json) throws IOException {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String record(long id, String name) {
        return "{\"record_id\":" + id + ",\"name\":\"" + name + "\",\"location\":\"Kansas City\",\"year\":2002}";
    }

    @Test
    void keepsTheTextOfAnArrayInIdOrderAsItIs() throws IOException {
        String records = "[ " + record(2, "alice") + ",\n " + record(4, "bill") + " ]";
        WorkerAnswer answer = read("{\"group\":\"am\",\"records\":" + records + ",\"worker\":\"worker-am-0\"}");
        assertEquals("am", answer.group());
        assertEquals("worker-am-0", answer.worker());
        assertEquals(records, answer.records().json());
        assertEquals(2, answer.records().count());
    }

    @Test
    void keepsNonAsciiTextIntact() throws IOException {
        String records = "[" + record(1, "Émile Ørsted 名前") + "]";
        assertEquals(records, read("{\"records\":" + records + "}").records().json());
    }

    @Test
    void sortsRecordsThatAreNotInIdOrder() throws IOException {
        WorkerAnswer answer = read("{\"records\":[" + record(12, "deep") + "," + record(2, "alice") + "]}");
        assertEquals(List.of(2, 12), ids(answer.records()));
    }

    @Test
    void rewritesRecordsWithOtherFieldsOrTypesTheWayTheMasterWritesThem() throws IOException {
        WorkerAnswer answer = read("{\"records\":[{\"record_id\":1,\"name\":\"a\",\"location\":\"b\",\"year\":\"2002\","
                + "\"extra\":{\"x\":[1]}}]}");
        assertEquals("[{\"record_id\":1,\"name\":\"a\",\"location\":\"b\",\"year\":2002}]", answer.records().json());
    }

    @Test
    void treatsMissingOrNullRecordsAsNone() throws IOException {
        assertSame(RecordsJson.EMPTY, read("{\"group\":\"am\"}").records());
        assertSame(RecordsJson.EMPTY, read("{\"records\":null}").records());
        assertEquals(0, read("{\"records\":[]}").records().count());
    }

    @Test
    void rejectsWhatIsNotAWorkersAnswer() {
        for (String bad : List.of("", "[]", "{\"records\":{}}", "{\"records\":[1,2]}", "{\"records\":[null]}",
                "{\"records\":[" + record(1, "a"), "{\"group\":{\"a\":1}}", "not json",
                "{\"records\":[{\"record_id\":1,\"name\":\"a\u0001\",\"location\":\"b\",\"year\":1}]}")) {
            assertThrows(IOException.class, () -> read(bad), bad);
        }
    }

    /** A worker's loader takes no other: a worker that sends one is broken, whatever the order of its records. */
    @Test
    void rejectsARecordIdThatIsNotA32BitInteger() {
        for (String records : List.of("[" + record(2_147_483_648L, "a") + "]",
                "[" + record(2, "b") + "," + record(-2_147_483_649L, "a") + "]")) {
            assertThrows(IOException.class, () -> read("{\"records\":" + records + "}"), records);
        }
    }

    @Test
    void rejectsInvalidUtf8InAKeptRecord() {
        byte[] body = ("{\"records\":[" + record(1, "ab") + "]}").getBytes(StandardCharsets.UTF_8);
        int at = new String(body, StandardCharsets.UTF_8).indexOf("ab");
        body[at] = (byte) 0xC3; // a lead byte followed by an ASCII letter
        assertThrows(IOException.class, () -> reader.read(body));
    }

    @Test
    void concatenatesGroupsInOrderAndSkipsEmptyOnes() throws IOException {
        RecordsJson am = read("{\"records\":[" + record(2, "alice") + "," + record(4, "bill") + "]}").records();
        RecordsJson nz = read("{\"records\":[" + record(1, "rakin") + "]}").records();
        RecordsJson all = RecordsJson.concat(List.of(am, RecordsJson.EMPTY, nz));
        assertEquals(3, all.count());
        assertEquals(List.of(2, 4, 1), ids(all));
        assertSame(nz, RecordsJson.concat(List.of(RecordsJson.EMPTY, nz)));
        assertSame(RecordsJson.EMPTY, RecordsJson.concat(List.of()));
    }

    @Test
    void writesTheArrayIntoTheEnclosingDocument() throws IOException {
        RecordsJson records = read("{\"records\":[" + record(2, "alice") + "]}").records();
        String doc = mapper.writeValueAsString(new Holder(records, true));
        assertEquals("{\"records\":[" + record(2, "alice") + "],\"partial\":true}", doc);
    }

    /** Seeded: whatever order and shape a worker sends, the result is its records sorted by id. */
    @Test
    void anyOrderComesOutSortedById() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Integer> ids = IntStream.range(0, random.nextInt(30)).mapToObj(i -> random.nextInt(1000)).toList();
            String records = ids.stream().map(id -> record(id, "n" + id)).collect(Collectors.joining(",", "[", "]"));
            List<Integer> read = ids(read("{\"records\":" + records + "}").records());
            assertEquals(ids.stream().sorted().toList(), read, records);
        }
    }

    @Test
    void readsABatchAnswerPartByPartInOrder() throws IOException {
        String alice = "[" + record(2, "alice") + "]";
        BatchReply reply = reader.readBatch(("{\"group\":\"am\",\"worker\":\"worker-am-0\",\"answers\":["
                + "{\"records\":" + alice + "},{\"status\":400,\"detail\":\"name too long\"},{\"records\":[]}]}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(3, reply.parts().size());
        assertEquals(alice, reply.parts().get(0).answer().records().json());
        assertEquals("worker-am-0", reply.parts().get(0).answer().worker());
        assertEquals("am", reply.parts().get(0).answer().group());
        assertEquals(CallOutcome.CLIENT_ERROR, reply.parts().get(1).refusal().outcome());
        assertEquals(400, reply.parts().get(1).refusal().status());
        assertEquals("answered HTTP 400: name too long", reply.parts().get(1).refusal().getMessage());
        assertEquals(0, reply.parts().get(2).answer().records().count());
    }

    @Test
    void aBatchAnswerOfAnotherShapeIsUnreadable() {
        for (String bad : List.of("[]", "{\"group\":\"am\"}", "{\"answers\":{}}", "{\"answers\":[1]}",
                "{\"answers\":[{}]}", "{\"answers\":[{\"status\":500}]}", "{\"answers\":[{\"status\":\"400\"}]}",
                "{\"answers\":[{\"records\":5}]}", "{\"answers\":[")) {
            assertThrows(IOException.class, () -> reader.readBatch(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }

    @Test
    void writesABatchWithTheFiltersEachQueryHas() {
        String body = new String(new BatchWriter(mapper).write(List.of(new WorkerQuery("rid-1", "alice", null, null),
                new WorkerQuery(null, null, "Kansas \"City\"", 2002))), StandardCharsets.UTF_8);
        assertEquals("{\"queries\":[{\"id\":\"rid-1\",\"name\":\"alice\"},"
                + "{\"location\":\"Kansas \\\"City\\\"\",\"year\":2002}]}", body);
    }

    private List<Integer> ids(RecordsJson records) throws IOException {
        return List.of(mapper.readValue(records.json(), PersonRecord[].class)).stream().map(PersonRecord::recordId).toList();
    }

    record Holder(RecordsJson records, boolean partial) {
    }
}
