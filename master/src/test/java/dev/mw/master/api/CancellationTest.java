package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.authorized;
import static dev.mw.master.api.MasterApi.registerFake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.HungWorker;
import dev.mw.master.support.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call the master gave up on gives up its connection at once, wherever the giving up came
 * from: a hedge that lost, or a client that went away. The worker timeout is 10 s, so a
 * connection closed within 2 s was closed by the cancellation, not by the timeout.
 */
@QuarkusTest
@TestProfile(HedgingTest.Hedging.class)
class CancellationTest {

    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(2);

    @Inject
    WorkerRegistry registry;

    private HungWorker hung;

    @BeforeEach
    void start() throws Exception {
        MasterApi.clear(registry);
        hung = new HungWorker();
    }

    @AfterEach
    void stop() throws Exception {
        MasterApi.clear(registry);
        hung.close();
    }

    private void registerHung(String id) {
        authorized().body(Map.of("id", id, "group", id.substring(0, 2), "url", hung.url()))
                .post("/api/workers").then().statusCode(201);
    }

    @Test
    void aHedgeThatLostClosesItsConnection() {
        registerHung("am-0");
        registerFake("am-1");
        for (int i = 0; i < 8 && hung.requests() == 0; i++) {
            given().queryParam("name", "alice").get("/api/records").then().statusCode(200)
                    .body("shards.details[0].worker", is("am-1"));
        }
        assertTrue(hung.requests() > 0, "the hung replica was asked at least once");
        Poll.until(() -> hung.closedConnections() >= hung.requests(), CLOSED_WITHIN,
                "the lost calls' connections closed (" + hung.requests() + " asked, "
                        + hung.closedConnections() + " closed)");
    }

    @Test
    void aClientThatWentAwayClosesTheWorkerConnection() throws Exception {
        registerHung("nz-0");
        try (Socket client = new Socket("localhost", RestAssured.port)) {
            OutputStream out = client.getOutputStream();
            out.write("GET /api/records?name=zen HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Poll.until(() -> hung.requests() == 1, CLOSED_WITHIN, "the query reached the worker");
        }
        Poll.until(() -> hung.closedConnections() == 1, CLOSED_WITHIN, "the worker's connection closed");
    }
}
