package dev.mw.master.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker that takes every request and never answers, on a real port: it counts the requests it
 * got and the connections the master closed, so a test sees whether a call that was given up
 * also gave up its connection.
 */
public final class HungWorker implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final HttpServer server;

    public HungWorker() throws Exception {
        server = vertx.createHttpServer()
                .connectionHandler(connection -> connection.closeHandler(v -> closed.incrementAndGet()))
                .requestHandler(request -> requests.incrementAndGet())
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public int requests() {
        return requests.get();
    }

    /** Connections whose other end (the master) went away. */
    public int closedConnections() {
        return closed.get();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
