package dev.mw.common.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records' JSON on the wire, exactly: CONTRACT.md's data format and the worker's answer. */
class RecordsJsonTest {

    /** As Quarkus configures its mapper: a newer peer's extra fields are ignored. */
    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private static final PersonRecord ALICE = new PersonRecord(2, "alice", "New York City", 2002);
    private static final String ALICE_JSON = "{\"record_id\":2,\"name\":\"alice\",\"location\":\"New York City\",\"year\":2002}";

    @Test
    void aRecordIsWrittenWithItsWireNamesInFileOrder() throws JsonProcessingException {
        assertEquals(ALICE_JSON, json.writeValueAsString(ALICE));
    }

    @Test
    void aRecordIsReadInAnyFieldOrderAndExtraFieldsAreDropped() throws JsonProcessingException {
        assertEquals(ALICE, json.readValue(ALICE_JSON, PersonRecord.class));
        assertEquals(ALICE, json.readValue("{\"year\":2002,\"location\":\"New York City\",\"extra\":[1],"
                + "\"name\":\"alice\",\"record_id\":2}", PersonRecord.class));
    }

    @Test
    void aRecordIdIsA32BitInteger() throws JsonProcessingException {
        assertEquals(Integer.MAX_VALUE, json.readValue(ALICE_JSON.replace(":2,", ":2147483647,"), PersonRecord.class).recordId());
        assertThrows(JsonProcessingException.class,
                () -> json.readValue(ALICE_JSON.replace(":2,", ":2147483648,"), PersonRecord.class));
    }

    @Test
    void aWorkersAnswerIsGroupWorkerThenRecords() throws JsonProcessingException {
        RecordsResponse answer = new RecordsResponse("am", "worker-am-0",
                List.of(ALICE, new PersonRecord(4, "bill", "Kansas City", 2002)));
        String wire = "{\"group\":\"am\",\"worker\":\"worker-am-0\",\"records\":[" + ALICE_JSON
                + ",{\"record_id\":4,\"name\":\"bill\",\"location\":\"Kansas City\",\"year\":2002}]}";
        assertEquals(wire, json.writeValueAsString(answer));
        assertEquals(answer, json.readValue(wire, RecordsResponse.class));
    }
}
