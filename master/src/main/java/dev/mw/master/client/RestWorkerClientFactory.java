package dev.mw.master.client;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class RestWorkerClientFactory implements WorkerClientFactory {

    /** Matches the per-instance bulkhead's order of magnitude: more calls than this wait for a connection. */
    static final int CONNECTIONS_PER_INSTANCE = 128;

    private final Duration timeout;
    private final AnswerSizeLimit sizeLimit;

    RestWorkerClientFactory(@ConfigProperty(name = "mw.worker-timeout", defaultValue = "2s") Duration timeout,
                            @ConfigProperty(name = "mw.max-answer-size", defaultValue = "16M") MemorySize maxAnswer) {
        this.timeout = timeout;
        this.sizeLimit = new AnswerSizeLimit(maxAnswer.asLongValue());
    }

    @Override
    public WorkerApi create(URI baseUri) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                // a worker that redirects is misbehaving, not telling us where to go
                .followRedirects(false)
                // the default pool of 20 connections per client would queue calls under load
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, CONNECTIONS_PER_INSTANCE)
                .register(sizeLimit)
                .build(WorkerApi.class);
    }
}
