package dev.mw.worker.registration;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mw.common.registration.Lease;
import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** A {@link MasterClient} over HTTP; calls block, so they belong on a thread of their own. */
final class RestMasterClient implements MasterClient {

    private static final Logger LOG = Logger.getLogger(RestMasterClient.class);
    private static final int MAX_PROBLEM_LENGTH = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final MasterApi api;

    private RestMasterClient(String url, MasterApi api) {
        this.url = url;
        this.api = api;
    }

    static RestMasterClient create(String url, Optional<String> token, Duration connectTimeout, Duration readTimeout) {
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true);
        token.ifPresent(t -> builder.register(new BearerToken(t)));
        return new RestMasterClient(url, builder.build(MasterApi.class));
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public MasterReply register(Registration registration) {
        return call(() -> api.register(registration), true);
    }

    @Override
    public MasterReply heartbeat(String id, Load load) {
        return call(() -> api.heartbeat(id, load), false);
    }

    @Override
    public MasterReply deregister(String id) {
        return call(() -> api.deregister(id), false);
    }

    @Override
    public void close() {
        try {
            api.close();
        } catch (Exception e) {
            LOG.debugf(e, "Closing the client of master %s failed", url);
        }
    }

    private static MasterReply call(Supplier<Response> request, boolean readLease) {
        try (Response response = request.get()) {
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return MasterReply.ok(status, readLease ? lease(response) : null);
            }
            return new MasterReply(status, null, body(response));
        } catch (RuntimeException e) {
            return MasterReply.unreachable(cause(e));
        }
    }

    /** The granted lease; a body that is not one leaves the defaults (see {@link LeaseTerms}). */
    private static Lease lease(Response response) {
        try {
            return response.readEntity(Lease.class);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Registration answer without a readable lease");
            return null;
        }
    }

    /** The {@code detail} of a problem+json answer, else the body as it is; shortened to one line. */
    private static String body(Response response) {
        if (!response.hasEntity()) {
            return "";
        }
        String text = response.readEntity(String.class);
        try {
            String detail = JSON.readTree(text).path("detail").asText("");
            if (!detail.isBlank()) {
                text = detail;
            }
        } catch (IOException | RuntimeException notJson) {
            // keep the body as it is
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_PROBLEM_LENGTH ? text : text.substring(0, MAX_PROBLEM_LENGTH) + "...";
    }

    /** The innermost cause, e.g. {@code ConnectException: Connection refused: localhost/127.0.0.1:8080}. */
    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
