package dev.mw.master.query;

import dev.mw.master.balance.Balancer;
import dev.mw.master.group.GroupSpec;
import dev.mw.master.registry.WorkerInstance;
import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.time.Ticker;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks one group: picks an instance with the balancer, bounds the call by {@code mw.worker-timeout},
 * and when it fails or times out tries one other replica before giving up. Never blocks a thread:
 * the whole exchange is one {@link Uni}, and it never fails: a group that did not answer is a
 * {@code failed} {@link ShardOutcome}. Hand-written: this is the routing core.
 */
@ApplicationScoped
public class GroupCaller {

    static final int MAX_ATTEMPTS = 2;

    private final WorkerRegistry registry;
    private final Balancer balancer;
    private final Ticker ticker;
    private final Duration timeout;

    @Inject
    GroupCaller(WorkerRegistry registry, Balancer balancer, Ticker ticker,
                @ConfigProperty(name = "mw.worker-timeout", defaultValue = "2s") Duration timeout) {
        this.registry = registry;
        this.balancer = balancer;
        this.ticker = ticker;
        this.timeout = timeout;
    }

    Uni<ShardOutcome> call(GroupSpec group, RecordQuery query) {
        return attempt(group, query, new HashSet<>(), ticker.nanos(), null, null);
    }

    private Uni<ShardOutcome> attempt(GroupSpec group, RecordQuery query, Set<String> tried, long start,
                                      String lastWorker, String lastError) {
        List<WorkerInstance> candidates = CandidateFilter.candidates(registry.instances(group.name()), tried);
        if (candidates.isEmpty() || tried.size() >= MAX_ATTEMPTS) {
            String error = lastError != null ? lastError : "no worker of group '" + group.name() + "' is registered";
            return Uni.createFrom().item(ShardOutcome.failed(group.name(), lastWorker, elapsedMs(start), error));
        }
        WorkerInstance instance = balancer.pick(candidates);
        tried.add(instance.id());
        long callStart = ticker.nanos();
        instance.load().callStarted();
        return instance.client().records(query.name(), query.location(), query.year())
                .ifNoItem().after(timeout).fail()
                .onItemOrFailure().transformToUni((answer, failure) -> {
                    double tookMs = elapsedMs(callStart);
                    if (failure == null) {
                        instance.load().callEnded(tookMs);
                        instance.outliers().success();
                        return Uni.createFrom().item(
                                ShardOutcome.ok(group.name(), instance.id(), elapsedMs(start), answer.records()));
                    }
                    // a failure must not look fast, or the balancer would prefer a dead instance
                    instance.load().callEnded(Math.max(tookMs, timeout.toMillis()));
                    instance.outliers().failure();
                    String error = instance.id() + ": " + CallErrors.describe(failure, timeout);
                    String errors = lastError == null ? error : lastError + "; " + error;
                    return attempt(group, query, tried, start, instance.id(), errors);
                });
    }

    private double elapsedMs(long since) {
        return Math.round((ticker.nanos() - since) / 1_000d) / 1_000d;
    }
}
