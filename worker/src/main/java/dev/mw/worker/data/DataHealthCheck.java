package dev.mw.worker.data;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the whole data file has loaded. */
@Readiness
@ApplicationScoped
public class DataHealthCheck implements HealthCheck {

    private final RecordStore store;

    public DataHealthCheck(RecordStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("data")
                .status(store.isLoaded())
                .withData("group", store.group())
                .withData("file", store.file().toString())
                .withData("records", store.size())
                .build();
    }
}
