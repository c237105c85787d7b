package dev.mw.master.readiness;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: {@link MasterReadiness} as a SmallRye Health check named
 * {@code groups}. A DOWN answer says why: the groups still missing, or the warm-up under way,
 * and when the master turns ready at the latest ({@code readyBy}).
 */
@Readiness
@ApplicationScoped
public class GroupsReadinessCheck implements HealthCheck {

    private final MasterReadiness readiness;

    GroupsReadinessCheck(MasterReadiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public HealthCheckResponse call() {
        MasterReadiness.Status status = readiness.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("groups").status(status.ready())
                .withData("reason", status.reason());
        if (!status.ready()) {
            if (!status.missing().isEmpty()) {
                response.withData("missing", String.join(",", status.missing()));
            }
            response.withData("readyBy", status.readyBy().toString());
        }
        return response.build();
    }
}
