package dev.mw.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.stream.StreamSupport;

/** Queries the master over HTTP and decodes its answers. Thread-safe. */
public final class MasterClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    public MasterClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An HTTP answer: status, content type and body. */
    public record Reply(int status, String contentType, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + body, e);
            }
        }

        public Envelope envelope() {
            try {
                return JSON.readValue(body, Envelope.class);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not a records envelope (status " + status + "): " + body, e);
            }
        }
    }

    /**
     * {@code GET /api/records} with the given filters as name/value pairs, for example
     * {@code records("location", "Kansas City", "year", "2002")}; values are URL-encoded.
     */
    public Reply records(String... filters) {
        if (filters.length % 2 != 0) {
            throw new IllegalArgumentException("filters come in name/value pairs");
        }
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < filters.length; i += 2) {
            query.add(encode(filters[i]) + "=" + encode(filters[i + 1]));
        }
        return get("/api/records" + query);
    }

    /** Like {@link #records(String...)}, but requires a 200 and decodes the envelope. */
    public Envelope query(String... filters) {
        Reply reply = records(filters);
        if (reply.status() != 200) {
            throw new AssertionError("Expected 200 for " + String.join(",", filters) + " but got "
                    + reply.status() + ": " + reply.body());
        }
        return reply.envelope();
    }

    /** {@code GET /api/workers}: the registry as a JSON array. */
    public JsonNode workers() {
        return requireOk(get("/api/workers")).json();
    }

    /** {@code GET /api/groups}: the groups as a JSON array. */
    public JsonNode groups() {
        return requireOk(get("/api/groups")).json();
    }

    /** How many registered workers are in {@code state} ({@code UP}, {@code SUSPECT}, {@code DOWN}). */
    public long workersIn(String state) {
        return StreamSupport.stream(workers().spliterator(), false)
                .filter(worker -> state.equals(worker.path("state").asText()))
                .count();
    }

    public Reply get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + baseUrl + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    private static Reply requireOk(Reply reply) {
        if (reply.status() != 200) {
            throw new AssertionError("Expected 200 but got " + reply.status() + ": " + reply.body());
        }
        return reply;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
