package dev.mw.worker.registration;

import static dev.mw.worker.registration.FakeMasterResource.WORKER_UNDER_TEST;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;
import dev.mw.worker.Eventually;
import dev.mw.worker.WorkerIdentity;
import io.quarkus.test.junit.QuarkusTest;

/** The worker registers at the fake master of the tests (see FakeMasterResource) and heartbeats. */
@QuarkusTest
class RegistrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    FakeMaster master;

    @Inject
    RegistrationService registration;

    @Test
    void registersWithIdGroupAndTheUrlOfItsActualPort() {
        Eventually.holds(WITHIN, () -> !master.registrationsOf(WORKER_UNDER_TEST).isEmpty(), "a registration");

        assertEquals(new Registration(WORKER_UNDER_TEST, "am", "http://" + WorkerIdentity.hostName() + ":18281"),
                master.registrationsOf(WORKER_UNDER_TEST).get(0));
    }

    @Test
    void sendsTheTokenOnEveryCall() {
        Eventually.holds(WITHIN, () -> master.heartbeatsOf(WORKER_UNDER_TEST).size() >= 2, "heartbeats");

        assertTrue(master.callsOf(WORKER_UNDER_TEST).stream()
                .allMatch(call -> ("Bearer " + FakeMaster.TOKEN).equals(call.authorization())));
    }

    @Test
    void heartbeatsWithItsLoadAtTheConfiguredInterval() {
        Eventually.holds(WITHIN, () -> registration.isRegistered(), "registered");
        int before = master.heartbeatsOf(WORKER_UNDER_TEST).size();
        given().queryParam("name", "alice").get("/api/records").then().statusCode(200);

        // %test.mw.heartbeat=200ms: ten heartbeats take about two seconds
        Eventually.holds(Duration.ofSeconds(20),
                () -> master.heartbeatsOf(WORKER_UNDER_TEST).size() >= before + 10, "ten more heartbeats");

        List<Load> heartbeats = master.heartbeatsOf(WORKER_UNDER_TEST);
        Load last = heartbeats.get(heartbeats.size() - 1);
        assertTrue(last.served() >= 1, last.toString());
        assertEquals(0, last.inFlight());
    }

    @Test
    void registersAgainWhenTheMasterAnswers404ToAHeartbeat() {
        Eventually.holds(WITHIN, () -> registration.isRegistered(), "registered");
        int registrations = master.registrationsOf(WORKER_UNDER_TEST).size();

        master.forgetAtNextHeartbeat = true;

        Eventually.holds(WITHIN, () -> master.registrationsOf(WORKER_UNDER_TEST).size() > registrations,
                "a new registration");
        Eventually.holds(WITHIN, () -> master.known.contains(WORKER_UNDER_TEST), "known again");
        Eventually.holds(WITHIN, () -> registration.isRegistered(), "registered again");
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void oneMasterDownDoesNotKeepTheOtherFromRegistering() {
        Eventually.holds(WITHIN, () -> registration.isRegistered(), "registered");

        assertEquals("REGISTERED", registration.states().get("http://localhost:18281"));
        assertEquals("REGISTERING", registration.states().get("http://127.0.0.1:9"));
    }
}
