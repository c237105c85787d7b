package dev.mw.master.query;

import dev.mw.master.balance.Balancer;
import dev.mw.master.group.GroupSpec;
import dev.mw.master.registry.WorkerInstance;
import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.time.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks one group: picks an instance with the balancer and calls it ({@link WorkerInstance#records},
 * which goes through the instance's guard and records the outcome in its health), bounded by
 * {@code mw.worker-timeout} and the query's deadline; hedges a slow call ({@code mw.hedge-after}); and when
 * the call fails retries once on another replica if the group's retry budget allows. A query the
 * worker refused (a 4xx) is not retried. Never blocks a thread, and never fails: a group that did
 * not answer is a {@code failed} {@link ShardOutcome}. Hand-written: this is the routing core.
 */
// made at startup, so a bad setting stops the master there, not at the first query or registration
@Startup
@ApplicationScoped
public class GroupCaller {

    /** The first call and one retry on a different replica. */
    static final int MAX_ATTEMPTS = 2;
    private static final double RETRY_RATIO = 0.2;
    private static final int RETRY_FLOOR_PER_SECOND = 5;

    private final WorkerRegistry registry;
    private final Balancer balancer;
    private final Ticker ticker;
    private final Duration workerTimeout;
    private final Duration queryTimeout;
    private final HedgePolicy hedgeSpec;
    private final MeterRegistry meters;
    private final Map<String, RetryBudget> budgets = new ConcurrentHashMap<>();
    /**
     * One per group and kind of query: a slow group must not set a fast group's hedge delay, nor
     * a scatter query's large answer a name query's.
     */
    private final Map<String, HedgePolicy> hedges = new ConcurrentHashMap<>();

    @Inject
    GroupCaller(WorkerRegistry registry, Balancer balancer, Ticker ticker, MeterRegistry meters,
                @ConfigProperty(name = "mw.worker-timeout", defaultValue = "2s") Duration workerTimeout,
                @ConfigProperty(name = "mw.query-timeout") java.util.Optional<Duration> queryTimeout,
                @ConfigProperty(name = "mw.hedge-after") String hedgeAfter) {
        this.registry = registry;
        this.balancer = balancer;
        this.ticker = ticker;
        this.meters = meters;
        this.workerTimeout = workerTimeout;
        this.queryTimeout = queryTimeout.orElse(workerTimeout.multipliedBy(MAX_ATTEMPTS));
        this.hedgeSpec = HedgePolicy.parse(hedgeAfter);
    }

    Uni<ShardOutcome> call(GroupSpec group, RecordQuery query) {
        return new Exchange(group, query).next();
    }

    private RetryBudget budget(String group) {
        return budgets.computeIfAbsent(group, g -> new RetryBudget(ticker, RETRY_RATIO, RETRY_FLOOR_PER_SECOND));
    }

    /** The hedge policy of a group's name queries or of its scatter queries, learning only from their first calls. */
    HedgePolicy hedge(String group, boolean byName) {
        return hedges.computeIfAbsent(group + (byName ? "/name" : "/scatter"), k -> hedgeSpec.fresh());
    }

    /** One query's conversation with one group: the instances it tried and the errors it saw. */
    private final class Exchange {

        private final GroupSpec group;
        private final RecordQuery query;
        private final long start = ticker.nanos();
        private final long deadline;
        /** This group's policy for this kind of query, looked up once per exchange. */
        private final HedgePolicy hedge;
        private final Set<String> tried = ConcurrentHashMap.newKeySet();
        private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        private volatile String lastWorker;

        Exchange(GroupSpec group, RecordQuery query) {
            this.group = group;
            this.query = query;
            this.deadline = start + queryTimeout.toNanos();
            this.hedge = hedge(group.name(), query.byName());
        }

        /** The next attempt, or the failed outcome when no replica, attempt, time or budget is left. */
        Uni<ShardOutcome> next() {
            long remaining = deadline - ticker.nanos();
            List<WorkerInstance> candidates = CandidateFilter.candidates(registry.instances(group.name()), tried);
            if (candidates.isEmpty() || tried.size() >= MAX_ATTEMPTS || remaining <= 0) {
                if (remaining <= 0 && !candidates.isEmpty() && tried.size() < MAX_ATTEMPTS) {
                    errors.add("query deadline of " + queryTimeout.toMillis() + " ms reached");
                }
                return failed();
            }
            boolean retry = !tried.isEmpty();
            if (!retry) {
                budget(group.name()).recordCall();
            } else if (!budget(group.name()).tryRetry()) {
                errors.add("retry budget exhausted");
                return failed();
            } else {
                meters.counter("mw.master.retries", "group", group.name()).increment();
            }
            WorkerInstance picked = balancer.pick(candidates);
            Uni<ShardOutcome> attempt = attempt(picked, remaining, !retry);
            OptionalLong hedgeDelay = retry ? OptionalLong.empty() : hedge.delayNanos();
            if (hedgeDelay.isPresent() && hedgeDelay.getAsLong() < remaining) {
                // the first answer wins and the other call is cancelled; a refusal ends the race
                // too (the other replica would refuse the query as well)
                attempt = Uni.join().first(attempt, hedgeAfter(hedgeDelay.getAsLong())).withItem()
                        .onItem().invoke(won -> {
                            if (!picked.id().equals(won.worker())) {
                                picked.health().overtaken(workerTimeout);
                            }
                        });
            }
            return attempt.onFailure().recoverWithUni(this::next);
        }

        /**
         * One call to one instance, as the group's outcome: its records, or its refusal. Fails
         * when the instance failed, so that {@link #next()} can try another.
         */
        private Uni<ShardOutcome> attempt(WorkerInstance instance, long remainingNanos, boolean first) {
            tried.add(instance.id());
            lastWorker = instance.id();
            long callStart = ticker.nanos();
            Duration timeout = Duration.ofNanos(Math.min(workerTimeout.toNanos(), remainingNanos));
            boolean learns = first;
            return instance.records(query.requestId(), query.name(), query.location(), query.year(), timeout)
                    .onItem().transform(answer -> {
                        if (learns) {
                            hedge.record(ticker.nanos() - callStart);
                        }
                        return ShardOutcome.ok(group.name(), instance.id(), elapsedMs(start), answer.records());
                    })
                    .onCancellation().invoke(() -> {
                        if (learns) {
                            // overtaken by its hedge: slower than this, and left out it would bias
                            // the percentile toward the calls that were fast enough not to be hedged
                            hedge.record(ticker.nanos() - callStart);
                        }
                    })
                    .onFailure(CallErrors::isRefusal).recoverWithItem(refusal -> refused(instance, refusal))
                    .onFailure().invoke(failure -> errors.add(instance.id() + ": " + CallErrors.describe(failure)));
        }

        /** A second call to another replica, if the first is still out after the delay. */
        private Uni<ShardOutcome> hedgeAfter(long delayNanos) {
            return Uni.createFrom().voidItem()
                    .onItem().delayIt().by(hedgeTimer(delayNanos))
                    .chain(() -> {
                        List<WorkerInstance> others = CandidateFilter.candidates(registry.instances(group.name()), tried);
                        long remaining = deadline - ticker.nanos();
                        if (others.isEmpty() || remaining <= 0 || !budget(group.name()).tryRetry()) {
                            return Uni.createFrom().failure(new IllegalStateException("no hedge"));
                        }
                        meters.counter("mw.master.hedges", "group", group.name()).increment();
                        return attempt(balancer.pick(others), remaining, false);
                    });
        }

        /** The refusal alone: an earlier replica's failure is no part of what the user should fix. */
        private ShardOutcome refused(WorkerInstance instance, Throwable refusal) {
            return ShardOutcome.refused(group.name(), instance.id(), elapsedMs(start),
                    instance.id() + ": " + CallErrors.describe(refusal), CallErrors.refusalStatus(refusal));
        }

        private Uni<ShardOutcome> failed() {
            String error = errors.isEmpty() ? "no worker of group '" + group.name() + "' is registered"
                    : String.join("; ", errors);
            return Uni.createFrom().item(ShardOutcome.failed(group.name(), lastWorker, elapsedMs(start), error));
        }
    }

    /**
     * The hedge's timer for a delay: Vert.x timers count whole milliseconds and refuse less than
     * one, so a learnt delay below 1 ms failed the hedge at once (an exception per query, and no
     * hedge ever sent); it is rounded up instead, to at least 1 ms.
     */
    static Duration hedgeTimer(long delayNanos) {
        return Duration.ofMillis(Math.max(1, (delayNanos + 999_999) / 1_000_000));
    }

    private double elapsedMs(long since) {
        return Math.round((ticker.nanos() - since) / 1_000d) / 1_000d;
    }
}
