package dev.mw.e2e.failure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mw.e2e.Envelope;
import dev.mw.e2e.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded load on the master: {@code clients} threads, each sending one query after the other
 * (closed loop), until {@code maxQueries} were sent, the time cap passed, or {@link #stop()}.
 * Queries are taken from the mix in turn, so every kind gets its share whatever the timing.
 * Every answer is recorded as a {@link Sample}: status, latency, the instance that answered each
 * group, and whether the records were the expected ones.
 *
 * <p>Java 17 has no virtual threads: a fixed pool of platform threads, one per client, sharing
 * one HTTP/1.1 client (so each client holds a keep-alive connection, as a real client would).
 * Thread-safe: the test thread watches progress and stops the run while the clients send.
 */
public final class LoadDriver implements AutoCloseable {

    /** A query with no answer after this long is recorded as failed (status -1): never a stuck client. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final int clients;
    private final int maxQueries;
    private final Duration timeCap;
    private final List<LoadQuery> mix;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicReferenceArray<Sample> samples;
    private volatile boolean stopped;
    private ExecutorService pool;
    private long startNanos;

    public LoadDriver(String baseUrl, int clients, int maxQueries, Duration timeCap, List<LoadQuery> mix) {
        this.baseUrl = baseUrl;
        this.clients = clients;
        this.maxQueries = maxQueries;
        this.timeCap = timeCap;
        this.mix = List.copyOf(mix);
        this.samples = new AtomicReferenceArray<>(maxQueries);
    }

    /** Starts the clients and returns at once. */
    public LoadDriver start() {
        AtomicInteger number = new AtomicInteger();
        pool = Executors.newFixedThreadPool(clients, task -> {
            Thread thread = new Thread(task, "load-client-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        startNanos = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            pool.execute(this::sendUntilDone);
        }
        pool.shutdown();
        return this;
    }

    /** Queries answered (or failed) so far. */
    public int completed() {
        return completed.get();
    }

    /** Waits until {@code count} queries are done in all (or the run ended earlier). */
    public void awaitCompleted(int count) {
        Poll.until(timeCap.plus(REQUEST_TIMEOUT), () -> completed.get() >= count || pool.isTerminated(),
                () -> "only " + completed.get() + " of " + count + " queries done");
    }

    /** Waits until {@code more} further queries are done. */
    public void awaitMore(int more) {
        awaitCompleted(completed.get() + more);
    }

    /** Whether a query started after {@code nanos} was answered for {@code group} by {@code worker}. */
    public boolean answeredBy(String group, String worker, long nanos) {
        for (int i = 0; i < samples.length(); i++) {
            Sample sample = samples.get(i);
            if (sample != null && sample.startedAfter(nanos)
                    && sample.answeredBy(group).filter(worker::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Waits until the run ends by itself (query count or time cap) and returns every sample. */
    public List<Sample> await() {
        try {
            if (!pool.awaitTermination(timeCap.plus(REQUEST_TIMEOUT).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("load clients did not end after the time cap of " + timeCap);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        List<Sample> all = new ArrayList<>();
        for (int i = 0; i < samples.length(); i++) {
            Sample sample = samples.get(i);
            if (sample != null) {
                all.add(sample);
            }
        }
        return all;
    }

    /** Lets every client finish the query it is sending, then returns every sample. */
    public List<Sample> stop() {
        stopped = true;
        return await();
    }

    @Override
    public void close() {
        stopped = true;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private void sendUntilDone() {
        while (!stopped && System.nanoTime() - startNanos < timeCap.toNanos()) {
            int index = next.getAndIncrement();
            if (index >= maxQueries) {
                return;
            }
            samples.set(index, send(index, mix.get(index % mix.size())));
            completed.incrementAndGet();
        }
    }

    private Sample send(int index, LoadQuery query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + query.pathAndQuery()))
                .timeout(REQUEST_TIMEOUT)
                .header("X-Request-Id", "load-" + index)
                .GET()
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long end = System.nanoTime();
            if (response.statusCode() == 200) {
                Envelope envelope = JSON.readValue(response.body(), Envelope.class);
                return new Sample(index, query, start, end, 200, envelope, null, null);
            }
            JsonNode problem = parseOrNull(response.body());
            String text = problem == null ? truncate(response.body())
                    : problem.path("title").asText() + ": " + problem.path("detail").asText();
            return new Sample(index, query, start, end, response.statusCode(), null, problem, text);
        } catch (IOException e) {
            return new Sample(index, query, start, System.nanoTime(), -1, null, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample(index, query, start, System.nanoTime(), -1, null, null, "interrupted");
        }
    }

    private static JsonNode parseOrNull(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String truncate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
