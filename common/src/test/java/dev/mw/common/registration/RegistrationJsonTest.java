package dev.mw.common.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

/** The registration bodies' JSON on the wire, exactly as CONTRACT.md gives it. */
class RegistrationJsonTest {

    /** As Quarkus configures its mapper: a newer peer's extra fields are ignored. */
    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private <T> void roundTrip(String wire, T body) throws JsonProcessingException {
        assertEquals(wire, json.writeValueAsString(body));
        assertEquals(body, json.readValue(wire, body.getClass()));
    }

    @Test
    void registration() throws JsonProcessingException {
        roundTrip("{\"id\":\"worker-am-0\",\"group\":\"am\",\"url\":\"http://10.1.2.3:8081\"}",
                new Registration("worker-am-0", "am", "http://10.1.2.3:8081"));
    }

    @Test
    void lease() throws JsonProcessingException {
        roundTrip("{\"id\":\"worker-am-0\",\"leaseSeconds\":10,\"heartbeatSeconds\":3}",
                new Lease("worker-am-0", 10, 3));
    }

    @Test
    void load() throws JsonProcessingException {
        roundTrip("{\"inFlight\":0,\"served\":12}", new Load(0, 12));
    }

    @Test
    void aHeartbeatsMissingOrNullFieldsReadAsZero() throws JsonProcessingException {
        assertEquals(new Load(0, 0), json.readValue("{}", Load.class));
        assertEquals(new Load(2, 0), json.readValue("{\"inFlight\":2}", Load.class));
        assertEquals(new Load(0, 7), json.readValue("{\"inFlight\":null,\"served\":7}", Load.class));
    }

    @Test
    void aNegativeLoadIsReadAsItIsForTheMasterToReject() throws JsonProcessingException {
        assertEquals(new Load(-1, 0), json.readValue("{\"inFlight\":-1,\"served\":0}", Load.class));
    }
}
