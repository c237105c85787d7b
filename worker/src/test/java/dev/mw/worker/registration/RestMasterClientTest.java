package dev.mw.worker.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.mw.common.registration.Lease;
import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;
import io.quarkus.test.junit.QuarkusTest;

/** The HTTP client of the master registry, against the fake master of the tests. */
@QuarkusTest
class RestMasterClientTest {

    private static final String FAKE_MASTER = "http://localhost:18281";
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void registersHeartbeatsAndDeregisters() {
        try (RestMasterClient client = RestMasterClient.create(FAKE_MASTER, Optional.of(FakeMaster.TOKEN), SECOND, SECOND)) {
            MasterReply registered = client.register(new Registration("client-test", "am", "http://x:1"));
            assertEquals(201, registered.status());
            assertEquals(new Lease("client-test", 10, 1), registered.lease());
            assertEquals(200, client.register(new Registration("client-test", "am", "http://x:1")).status());

            assertEquals(200, client.heartbeat("client-test", new Load(1, 2)).status());
            assertEquals(204, client.deregister("client-test").status());
            assertEquals(404, client.heartbeat("client-test", new Load(0, 0)).status());
        }
    }

    @Test
    void aWrongOrMissingTokenIsAClientError() {
        try (RestMasterClient wrong = RestMasterClient.create(FAKE_MASTER, Optional.of("nope"), SECOND, SECOND);
                RestMasterClient none = RestMasterClient.create(FAKE_MASTER, Optional.empty(), SECOND, SECOND)) {
            MasterReply reply = wrong.register(new Registration("client-test", "am", "http://x:1"));

            assertEquals(401, reply.status());
            assertTrue(reply.isClientError());
            assertEquals("HTTP 401", reply.describe());
            assertEquals(401, none.register(new Registration("client-test", "am", "http://x:1")).status());
        }
    }

    @Test
    void aProblemAnswerIsDescribedByItsDetail() {
        try (RestMasterClient client = RestMasterClient.create(FAKE_MASTER, Optional.of(FakeMaster.TOKEN), SECOND, SECOND)) {
            MasterReply reply = client.register(new Registration("client-test", "zz", "http://x:1"));

            assertEquals("HTTP 400: Unknown group \"zz\"", reply.describe());
        }
    }

    @Test
    void anUnreachableMasterIsAReplyNotAnException() {
        try (RestMasterClient client = RestMasterClient.create("http://127.0.0.1:9", Optional.empty(), SECOND, SECOND)) {
            MasterReply reply = client.register(new Registration("client-test", "am", "http://x:1"));

            assertEquals(MasterReply.UNREACHABLE, reply.status());
            assertTrue(reply.describe().contains("Connection refused"), reply.describe());
        }
    }
}
