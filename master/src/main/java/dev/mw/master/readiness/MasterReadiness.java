package dev.mw.master.readiness;

import dev.mw.master.group.GroupSpec;
import dev.mw.master.group.ShardRouter;
import dev.mw.master.health.InstanceState;
import dev.mw.master.registry.WorkerRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the master should take client traffic: once every declared group has at least one
 * registered {@code UP} worker, or once one lease period ({@code mw.lease}) has passed since the
 * master started, so that an empty cluster becomes ready too. A latch: once ready, it stays
 * ready. A group that goes down later is answered with partial answers and 503s, which is the
 * right answer then; taking the master out of its Service would answer nothing at all.
 *
 * <p>Evaluated at each probe; thread-safe.
 */
@ApplicationScoped
@Startup
public class MasterReadiness {

    /** Why the master is or is not ready yet. {@code missing} is empty once ready. */
    public record Status(boolean ready, String reason, List<String> missing, Instant fallbackAt) {
    }

    static final String ALL_GROUPS_UP = "every group has an UP worker";
    static final String LEASE_PASSED = "one lease period (mw.lease) passed since start";

    private final ShardRouter router;
    private final WorkerRegistry registry;
    private final Clock clock;
    private final Instant fallbackAt;
    private volatile Status latched;

    @Inject
    public MasterReadiness(ShardRouter router, WorkerRegistry registry, Clock clock,
                           @ConfigProperty(name = "mw.lease", defaultValue = "10s") Duration lease) {
        this.router = router;
        this.registry = registry;
        this.clock = clock;
        this.fallbackAt = clock.instant().plus(lease);
    }

    public Status status() {
        Status ready = latched;
        if (ready != null) {
            return ready;
        }
        List<String> missing = router.groups().stream().map(GroupSpec::name).filter(this::hasNoUpWorker).toList();
        if (missing.isEmpty()) {
            return latch(new Status(true, ALL_GROUPS_UP, List.of(), fallbackAt));
        }
        if (!clock.instant().isBefore(fallbackAt)) {
            return latch(new Status(true, LEASE_PASSED, List.of(), fallbackAt));
        }
        return new Status(false, "waiting for an UP worker of every group", missing, fallbackAt);
    }

    private boolean hasNoUpWorker(String group) {
        return registry.instances(group).stream().noneMatch(i -> i.state() == InstanceState.UP);
    }

    private synchronized Status latch(Status ready) {
        if (latched == null) {
            latched = ready;
            Log.infof("Ready for client queries: %s", ready.reason());
        }
        return latched;
    }
}
