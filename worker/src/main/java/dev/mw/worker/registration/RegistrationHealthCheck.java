package dev.mw.worker.registration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while registered with at least one master; lists the state at each master. */
@Readiness
@ApplicationScoped
public class RegistrationHealthCheck implements HealthCheck {

    private final RegistrationService registration;

    public RegistrationHealthCheck(RegistrationService registration) {
        this.registration = registration;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("registration")
                .status(registration.isRegistered());
        if (registration.isStopping()) {
            response.withData("state", "shutting down");
        }
        registration.states().forEach(response::withData);
        return response.build();
    }
}
