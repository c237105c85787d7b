package dev.mw.master.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes one {@link HttpWorkerClient} per worker instance on Quarkus' own Vert.x: a pooled
 * keep-alive HTTP/1.1 client that follows no redirects.
 *
 * <p>Why not the Quarkus REST Client: the master makes one call per query, so the client is on
 * the hot path, and the REST Client's per-call machinery (request context switch, context
 * propagation, provider chains) cost about 60 µs of CPU per call, a third of the master's whole
 * budget ({@code bench/RESULTS.md}, scenario 1). The Vert.x client it is built on does the same
 * call for a fraction of that.
 */
// made at startup, so a bad setting stops the master there, not at the first query or registration
@Startup
@ApplicationScoped
public class HttpWorkerClients implements WorkerClientFactory {

    /**
     * Connections per worker instance: half the calls the instance's bulkhead admits
     * ({@code InstanceGuard.Policy.DEFAULT.maxConcurrent()}, 256). Calls past the bulkhead beyond
     * this many wait in the pool's queue for a free connection, within their timeout; the
     * benchmarks (bench/RESULTS.md) ran with 128.
     */
    public static final int CONNECTIONS_PER_INSTANCE = 128;

    private final Vertx vertx;
    private final WorkerAnswerReader answerReader;
    private final BatchWriter batchWriter;
    private final Duration timeout;
    private final long maxAnswerBytes;
    private final Protocol protocol;

    /**
     * How the master talks to workers ({@code mw.worker-http}). All three were measured (bench/README.md,
     * scenario 1): the keep-alive HTTP/1.1 pool is the default.
     */
    public enum Protocol {
        /** A pool of keep-alive HTTP/1.1 connections, one exchange at a time on each. */
        HTTP1,
        /** HTTP/1.1 with requests pipelined on a connection while earlier answers are still out. */
        HTTP1_PIPELINED,
        /** HTTP/2 over cleartext, with prior knowledge: many exchanges multiplexed on one connection. */
        H2C;

        static Protocol parse(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "http1" -> HTTP1;
                case "http1-pipelined" -> HTTP1_PIPELINED;
                case "h2c" -> H2C;
                default -> throw new IllegalArgumentException(
                        "mw.worker-http must be http1, http1-pipelined or h2c, was '" + value + "'");
            };
        }
    }

    HttpWorkerClients(Vertx vertx, ObjectMapper mapper,
                      @ConfigProperty(name = "mw.worker-timeout", defaultValue = "2s") Duration timeout,
                      @ConfigProperty(name = "mw.max-answer-size", defaultValue = "16M") MemorySize maxAnswer,
                      @ConfigProperty(name = "mw.worker-http", defaultValue = "http1") String protocol) {
        this.protocol = Protocol.parse(protocol);
        this.vertx = vertx;
        this.answerReader = new WorkerAnswerReader(mapper);
        this.batchWriter = new BatchWriter(mapper);
        this.timeout = timeout;
        this.maxAnswerBytes = maxAnswer.asLongValue();
    }

    @Override
    public WorkerApi create(URI baseUri) {
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(baseUri.getHost())
                .setDefaultPort(port(baseUri))
                .setSsl("https".equalsIgnoreCase(baseUri.getScheme()))
                .setKeepAlive(true)
                .setConnectTimeout((int) timeout.toMillis());
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_INSTANCE);
        switch (protocol) {
            case HTTP1 -> { }
            case HTTP1_PIPELINED -> options.setPipelining(true);
            case H2C -> {
                options.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false);
                pool.setHttp2MaxSize(2);
            }
        }
        BrokenConnectionLog broken = new BrokenConnectionLog(baseUri);
        HttpClient http = vertx.httpClientBuilder().with(options).with(pool)
                .withConnectHandler(connection -> connection.exceptionHandler(broken::broken))
                .build();
        return new HttpWorkerClient(http, pathPrefix(baseUri), answerReader, batchWriter, maxAnswerBytes);
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String pathPrefix(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
