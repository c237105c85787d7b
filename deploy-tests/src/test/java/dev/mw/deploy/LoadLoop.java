package dev.mw.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded client load for the container runs: {@code clients} threads, each sending the
 * queries in turn, one at a time, until stopped (and for at most two minutes). A query that is
 * not a 200, or gets no answer in 10 s, counts as failed, and the first few say why.
 */
final class LoadLoop implements AutoCloseable {

    private static final Duration MAX_RUN = Duration.ofMinutes(2);

    /** What the load saw. */
    record Outcome(long ok, long failed, long maxLatencyMs, List<String> firstFailures) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong maxLatencyNanos = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final long deadline = System.nanoTime() + MAX_RUN.toNanos();

    private LoadLoop() {
    }

    static LoadLoop start(List<URI> queries, int clients) {
        LoadLoop load = new LoadLoop();
        for (int i = 0; i < clients; i++) {
            int offset = i;
            Thread t = new Thread(() -> load.loop(queries, offset), "load-" + i);
            t.setDaemon(true);
            load.threads.add(t);
            t.start();
        }
        return load;
    }

    private void loop(List<URI> queries, int offset) {
        for (int i = offset; running.get() && System.nanoTime() < deadline; i++) {
            URI uri = queries.get(i % queries.size());
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    ok.incrementAndGet();
                } else {
                    fail(uri + " -> " + response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                fail(uri + " -> " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            maxLatencyNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        }
    }

    private void fail(String why) {
        if (failed.incrementAndGet() <= 5) {
            failures.add(why.length() > 300 ? why.substring(0, 300) + "..." : why);
        }
    }

    /** Stops the clients (each finishes its query in flight) and says what they saw. */
    Outcome stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(15_000);
        }
        return new Outcome(ok.get(), failed.get(), maxLatencyNanos.get() / 1_000_000,
                Collections.unmodifiableList(new ArrayList<>(failures)));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
