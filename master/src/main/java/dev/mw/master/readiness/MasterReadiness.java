package dev.mw.master.readiness;

import dev.mw.master.group.GroupSpec;
import dev.mw.master.group.ShardRouter;
import dev.mw.master.health.InstanceState;
import dev.mw.master.registry.WorkerRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the master should take client traffic: once every declared group has at least one
 * registered {@code UP} worker and the {@link WarmUp} that this starts is over ({@code mw.warmup},
 * none by default), or once one lease period ({@code mw.lease}) has passed since the master
 * started without every group having a worker, so that an empty cluster becomes ready too (with
 * nothing to warm up). A latch: once ready, it stays ready. A group that goes down later is
 * answered with partial answers and 503s, which is the right answer then; taking the master out
 * of its Service would answer nothing at all.
 *
 * <p>Evaluated at each probe and between them; thread-safe.
 */
@ApplicationScoped
@Startup
public class MasterReadiness {

    /**
     * Why the master is or is not ready yet. {@code missing} is empty once ready and while it
     * warms up; {@code readyBy} is when it turns ready at the latest: the lease-period fallback,
     * or the end of the warm-up once that started.
     */
    public record Status(boolean ready, String reason, List<String> missing, Instant readyBy) {
    }

    static final String ALL_GROUPS_UP = "every group has an UP worker";
    static final String LEASE_PASSED = "one lease period (mw.lease) passed since start";

    private final ShardRouter router;
    private final WorkerRegistry registry;
    private final Clock clock;
    private final WarmUp warmUp;
    private final Instant fallbackAt;
    /** Once every group had an UP worker the warm-up decides, whatever the groups do while it runs. */
    private volatile boolean warming;
    private volatile Status latched;

    @Inject
    public MasterReadiness(ShardRouter router, WorkerRegistry registry, Clock clock, WarmUp warmUp,
                           @ConfigProperty(name = "mw.lease", defaultValue = "10s") Duration lease) {
        this.router = router;
        this.registry = registry;
        this.clock = clock;
        this.warmUp = warmUp;
        this.fallbackAt = clock.instant().plus(lease);
    }

    public Status status() {
        Status ready = latched;
        if (ready != null) {
            return ready;
        }
        if (!warming) {
            List<String> missing = router.groups().stream().map(GroupSpec::name).filter(this::hasNoUpWorker).toList();
            if (!missing.isEmpty()) {
                if (!clock.instant().isBefore(fallbackAt)) {
                    return latch(new Status(true, LEASE_PASSED, List.of(), fallbackAt));
                }
                return new Status(false, "waiting for an UP worker of every group", missing, fallbackAt);
            }
            warming = true;
        }
        WarmUp.Progress progress = warmUp.progress();
        if (progress.done()) {
            return latch(new Status(true, readyReason(progress), List.of(), fallbackAt));
        }
        return new Status(false, "warming up: " + progress.sent() + " queries sent, until " + progress.until(),
                List.of(), progress.until());
    }

    /**
     * Between probes too, so that the warm-up starts within a second of the last group getting a
     * worker, not at the next probe (a Kubernetes readiness probe comes every few seconds), and the
     * master turns ready, and says so, within a second of its end. (Quarkus' scheduler runs a job
     * at most once a second.)
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evaluate() {
        status();
    }

    private static String readyReason(WarmUp.Progress progress) {
        if (!progress.ran()) {
            return ALL_GROUPS_UP;
        }
        return String.format("%s, warmed up with %d queries in %.1f s", ALL_GROUPS_UP, progress.sent(),
                progress.took().toNanos() / 1e9);
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
