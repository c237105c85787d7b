package dev.mw.master.client;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class RestWorkerClientFactory implements WorkerClientFactory {

    private final Duration timeout;

    RestWorkerClientFactory(@ConfigProperty(name = "mw.worker-timeout", defaultValue = "2s") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public WorkerApi create(URI baseUri) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                // a worker that redirects is misbehaving, not telling us where to go
                .followRedirects(false)
                .build(WorkerApi.class);
    }
}
