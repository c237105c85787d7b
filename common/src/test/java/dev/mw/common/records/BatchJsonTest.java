package dev.mw.common.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A worker's POST /api/records/batch on the wire, exactly: what the master sends and reads back. */
class BatchJsonTest {

    /** As Quarkus configures its mapper: a newer peer's extra fields are ignored. */
    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void aRequestLeavesOutTheFiltersNotGiven() throws JsonProcessingException {
        BatchRequest request = new BatchRequest(List.of(
                new BatchQuery("rid-1", "alice", null, null),
                new BatchQuery("rid-2", null, "Kansas City", 2002)));
        String wire = "{\"queries\":[{\"id\":\"rid-1\",\"name\":\"alice\"},"
                + "{\"id\":\"rid-2\",\"location\":\"Kansas City\",\"year\":2002}]}";

        assertEquals(wire, json.writeValueAsString(request));
        assertEquals(request, json.readValue(wire, BatchRequest.class));
    }

    @Test
    void aQueryWithoutIdHasNoIdField() throws JsonProcessingException {
        assertEquals("{\"name\":\"bill\",\"location\":\"Kansas City\",\"year\":0}",
                json.writeValueAsString(new BatchQuery(null, "bill", "Kansas City", 0)));
    }

    @Test
    void aResponseIsGroupWorkerThenAnswersEachRecordsOrStatusAndDetail() throws JsonProcessingException {
        BatchResponse response = new BatchResponse("am", "worker-am-0", List.of(
                BatchAnswer.found(List.of(new PersonRecord(1, "Alice", "Kansas City", 2002))),
                BatchAnswer.refused(400, "year must be ...")));
        String wire = "{\"group\":\"am\",\"worker\":\"worker-am-0\",\"answers\":["
                + "{\"records\":[{\"record_id\":1,\"name\":\"Alice\",\"location\":\"Kansas City\",\"year\":2002}]},"
                + "{\"status\":400,\"detail\":\"year must be ...\"}]}";

        assertEquals(wire, json.writeValueAsString(response));
        assertEquals(response, json.readValue(wire, BatchResponse.class));
    }

    @Test
    void noMatchIsAnEmptyListNotARefusal() throws JsonProcessingException {
        BatchAnswer none = BatchAnswer.found(List.of());

        assertEquals("{\"records\":[]}", json.writeValueAsString(none));
        assertEquals(none, json.readValue("{\"records\":[]}", BatchAnswer.class));
    }

    @Test
    void aRefusalHasNoRecords() throws JsonProcessingException {
        BatchAnswer refused = json.readValue("{\"status\":400,\"detail\":\"no\"}", BatchAnswer.class);

        assertNull(refused.records());
        assertEquals(BatchAnswer.refused(400, "no"), refused);
    }
}
