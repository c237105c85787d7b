package dev.mw.master.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mw.master.support.Poll;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client classifies every call where it sees the status or the broken connection. */
class HttpWorkerClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final AtomicInteger HUNG = new AtomicInteger();
    private static final AtomicInteger CLOSED = new AtomicInteger();

    private static Vertx vertx;
    private static HttpServer server;
    private static HttpWorkerClients clients;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .connectionHandler(connection -> connection.closeHandler(closed -> CLOSED.incrementAndGet()))
                .requestHandler(request -> {
            switch (request.path()) {
                case "/refuse/api/records" -> request.response().setStatusCode(400)
                        .putHeader("Content-Type", "application/problem+json")
                        .end("{\"title\":\"Bad request\",\"status\":400,\"detail\":\"no year before 1900\"}");
                case "/fail/api/records" -> request.response().setStatusCode(503)
                        .end("{\"detail\":\"a worker's inside story\"}");
                case "/busy/api/records" -> request.response().setStatusCode(429).end();
                case "/drop/api/records" -> request.connection().close();
                case "/hang/api/records" -> { // the answer begins, and never ends
                    request.response().setChunked(true).putHeader("Content-Type", "application/json")
                            .write("{\"group\":\"am\",");
                    HUNG.incrementAndGet();
                }
                case "/garbage/api/records" -> request.response().setStatusCode(200).end("not json");
                case "/ok/api/records/batch" -> request.body().onSuccess(body -> request.response()
                        .putHeader("Content-Type", "application/json")
                        .end("{\"group\":\"am\",\"worker\":\"w\",\"answers\":[{\"records\":[]},{\"status\":400,"
                                + "\"detail\":\"" + request.version() + " " + body.length() + "\"}]}"));
                default -> request.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .end("{\"group\":\"am\",\"worker\":\"w\",\"records\":[]}");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        clients = new HttpWorkerClients(vertx, new ObjectMapper(), Duration.ofSeconds(2),
                new MemorySize(BigInteger.valueOf(1 << 20)), "http1");
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static WorkerCallException failure(URI base) {
        try (WorkerApi client = clients.create(base)) {
            return assertThrows(WorkerCallException.class,
                    () -> client.records("rid", "zen", null, 1850).await().atMost(WAIT));
        }
    }

    private static URI at(String prefix) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + prefix);
    }

    @Test
    void a200IsAnAnswer() {
        try (WorkerApi client = clients.create(at("/ok"))) {
            assertEquals("am", client.records("rid", "zen", null, null).await().atMost(WAIT).group());
        }
    }

    @Test
    void aBatchIsOnePostWithAnAnswerPerQuery() {
        try (WorkerApi client = clients.create(at("/ok"))) {
            BatchReply reply = client.batch(List.of(new WorkerQuery("r1", "zen", null, null),
                    new WorkerQuery("r2", "zoe", null, null))).await().atMost(WAIT);
            assertEquals(2, reply.parts().size());
            assertEquals(0, reply.parts().get(0).answer().records().count());
            assertEquals("answered HTTP 400: HTTP_1_1 63", reply.parts().get(1).refusal().getMessage());
        }
    }

    @Test
    void everyWorkerProtocolGetsTheSameAnswers() {
        for (String protocol : List.of("http1", "http1-pipelined", "h2c")) {
            HttpWorkerClients made = new HttpWorkerClients(vertx, new ObjectMapper(), Duration.ofSeconds(2),
                    new MemorySize(BigInteger.valueOf(1 << 20)), protocol);
            try (WorkerApi client = made.create(at("/ok"))) {
                assertEquals("am", client.records("rid", "zen", null, null).await().atMost(WAIT).group(), protocol);
                String version = protocol.equals("h2c") ? "HTTP_2" : "HTTP_1_1";
                assertEquals("answered HTTP 400: " + version + " 63", client.batch(List.of(new WorkerQuery("r1", "zen", null, null),
                        new WorkerQuery("r2", "zoe", null, null))).await().atMost(WAIT).parts().get(1).refusal().getMessage());
            }
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new HttpWorkerClients(vertx,
                new ObjectMapper(), Duration.ofSeconds(2), new MemorySize(BigInteger.valueOf(1 << 20)), "http3"));
        assertEquals("mw.worker-http must be http1, http1-pipelined or h2c, was 'http3'", bad.getMessage());
    }

    @Test
    void a400IsAClientErrorWithTheWorkersReason() {
        WorkerCallException failure = failure(at("/refuse"));
        assertEquals(CallOutcome.CLIENT_ERROR, failure.outcome());
        assertEquals(400, failure.status());
        assertEquals("answered HTTP 400: no year before 1900", failure.getMessage());
    }

    @Test
    void a5xxIsAWorkerErrorAndItsBodyStaysInside() {
        WorkerCallException failure = failure(at("/fail"));
        assertEquals(CallOutcome.WORKER_ERROR, failure.outcome());
        assertEquals("answered HTTP 503", failure.getMessage());
    }

    @Test
    void a429IsTheInstancesState() {
        assertEquals(CallOutcome.WORKER_ERROR, failure(at("/busy")).outcome());
    }

    @Test
    void anAnswerThatIsNotOurJsonIsAWorkerError() {
        WorkerCallException failure = failure(at("/garbage"));
        assertEquals(CallOutcome.WORKER_ERROR, failure.outcome());
        assertTrue(failure.getMessage().startsWith("unreadable answer"), failure.getMessage());
    }

    @Test
    void aConnectionClosedBeforeTheAnswerIsUnreachable() {
        assertEquals(CallOutcome.UNREACHABLE, failure(at("/drop")).outcome());
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WorkerCallException failure = failure(URI.create("http://127.0.0.1:" + closedPort));
        assertEquals(CallOutcome.UNREACHABLE, failure.outcome());
        assertTrue(failure.getMessage().startsWith("unreachable ("), failure.getMessage());
        assertFalse(failure.outcome().equals(CallOutcome.CLIENT_ERROR));
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aCancelledCallClosesItsConnectionAndLogsNoError() {
        List<String> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger vertxLogs = Logger.getLogger("io.vertx");
        vertxLogs.addHandler(capture);
        int closedBefore = CLOSED.get();
        try (WorkerApi client = clients.create(at("/hang"))) {
            io.vertx.core.impl.logging.LoggerFactory.getLogger("io.vertx.selfcheck").error("captured");
            assertEquals(1, errors.size(), "the capture sees Vert.x's ERROR lines: " + errors);
            errors.clear();
            Cancellable call = client.records("rid", "zen", null, null).subscribe().with(answer -> { }, failure -> { });
            Poll.until(() -> HUNG.get() == 1, WAIT, "the call reached the worker");
            call.cancel();
            Poll.until(() -> CLOSED.get() > closedBefore, WAIT, "the cancelled call's connection closed");
            // calls given up at every moment, the connection still being opened included: a lost hedge
            for (int i = 0; i < 200; i++) {
                client.records("rid", "zen", null, null).subscribe().with(answer -> { }, failure -> { }).cancel();
            }
            // the absence of a log line has no moment to poll for: give the resets time to be logged
            sleepMs(300);
        } finally {
            vertxLogs.removeHandler(capture);
        }
        // a lost hedge is routine: with hedging on, Vert.x's "Stream reset" ERROR came once per lost hedge
        assertEquals(0, errors.size(), errors.size() + " ERROR lines, the first: " + errors.stream().findFirst().orElse(""));
    }

    @Test
    void aPooledConnectionResetByAKilledWorkerIsOneWarningNotAnError() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record.getLoggerName() + ": " + record.getMessage());
                } else if (record.getLevel().intValue() >= Level.WARNING.intValue()
                        && record.getLoggerName().startsWith("dev.mw")) {
                    warnings.add(String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // answers, then resets the connection it answered on (SO_LINGER 0), as a killed worker's kernel does
        io.vertx.core.http.HttpServer resetting = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setSoLinger(0))
                .requestHandler(request -> request.response().putHeader("Content-Type", "application/json")
                        .end("{\"group\":\"am\",\"worker\":\"w\",\"records\":[]}")
                        .onComplete(sent -> vertx.setTimer(50, t -> request.connection().close())))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try (WorkerApi client = clients.create(URI.create("http://127.0.0.1:" + resetting.actualPort()))) {
            for (int i = 0; i < 3; i++) {
                client.records("rid", "zen", null, null).await().atMost(WAIT);
                Poll.until(() -> !warnings.isEmpty() || !errors.isEmpty(), WAIT, "the reset to be seen");
            }
        } finally {
            root.removeHandler(capture);
            resetting.close().toCompletionStage().toCompletableFuture().get();
        }
        assertEquals(List.of(), errors, "Vert.x's own ERROR lines for a reset idle connection");
        assertEquals(1, warnings.size(), "one warning for three resets within the quiet time: " + warnings);
        assertTrue(warnings.get(0).startsWith("A connection to the worker at http://127.0.0.1:"), warnings.get(0));
    }
}
