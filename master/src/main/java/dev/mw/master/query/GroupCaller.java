package dev.mw.master.query;

import dev.mw.master.balance.Balancer;
import dev.mw.master.client.CallOutcome;
import dev.mw.master.client.WorkerCallException;
import dev.mw.master.group.GroupSpec;
import dev.mw.master.registry.WorkerInstance;
import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.time.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks one group: picks an instance with the balancer, calls it through its circuit breaker and
 * bulkhead bounded by {@code mw.worker-timeout} and the query's deadline, optionally hedges a slow
 * name query, and when the call fails retries once on another replica if the group's retry budget
 * allows; a query the worker refused (a 4xx) is not retried. Never blocks a thread, and never fails: a group that did not answer is a {@code failed}
 * {@link ShardOutcome}. Hand-written: this is the routing core.
 */
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
    private final HedgePolicy hedge;
    private final MeterRegistry meters;
    private final Map<String, RetryBudget> budgets = new ConcurrentHashMap<>();

    @Inject
    GroupCaller(WorkerRegistry registry, Balancer balancer, Ticker ticker, MeterRegistry meters,
                @ConfigProperty(name = "mw.worker-timeout", defaultValue = "2s") Duration workerTimeout,
                @ConfigProperty(name = "mw.query-timeout") java.util.Optional<Duration> queryTimeout,
                @ConfigProperty(name = "mw.hedge-after", defaultValue = "off") String hedgeAfter) {
        this.registry = registry;
        this.balancer = balancer;
        this.ticker = ticker;
        this.meters = meters;
        this.workerTimeout = workerTimeout;
        this.queryTimeout = queryTimeout.orElse(workerTimeout.multipliedBy(MAX_ATTEMPTS));
        this.hedge = HedgePolicy.parse(hedgeAfter);
    }

    Uni<ShardOutcome> call(GroupSpec group, RecordQuery query) {
        return new Exchange(group, query).next();
    }

    private RetryBudget budget(String group) {
        return budgets.computeIfAbsent(group, g -> new RetryBudget(ticker, RETRY_RATIO, RETRY_FLOOR_PER_SECOND));
    }

    /** One query's conversation with one group: the instances it tried and the errors it saw. */
    private final class Exchange {

        private final GroupSpec group;
        private final RecordQuery query;
        private final long start = ticker.nanos();
        private final long deadline;
        private final Set<String> tried = ConcurrentHashMap.newKeySet();
        private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        private volatile String lastWorker;

        Exchange(GroupSpec group, RecordQuery query) {
            this.group = group;
            this.query = query;
            this.deadline = start + queryTimeout.toNanos();
        }

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
            Uni<CallResult> call = callOnce(balancer.pick(candidates), Math.min(workerTimeout.toNanos(), remaining), !retry);
            OptionalLong hedgeDelay = query.byName() && !retry ? hedge.delayNanos() : OptionalLong.empty();
            if (hedgeDelay.isPresent() && hedgeDelay.getAsLong() < remaining) {
                call = hedged(call, hedgeDelay.getAsLong());
            }
            return call.chain(result -> {
                if (result.ok()) {
                    return Uni.createFrom().item(ShardOutcome.ok(group.name(), result.instance().id(), elapsedMs(start),
                            result.answer().records()));
                }
                // a refused query is not retried: every replica runs the same code
                return result.refused() ? Uni.createFrom().item(refused(result)) : next();
            });
        }

        /** The refusal alone: an earlier replica's failure is no part of what the user should fix. */
        private ShardOutcome refused(CallResult result) {
            String worker = result.instance().id();
            return ShardOutcome.refused(group.name(), worker, elapsedMs(start),
                    worker + ": " + CallErrors.describe(result.failure()), CallErrors.refusalStatus(result.failure()));
        }

        private Uni<ShardOutcome> failed() {
            String error = errors.isEmpty() ? "no worker of group '" + group.name() + "' is registered"
                    : String.join("; ", errors);
            return Uni.createFrom().item(ShardOutcome.failed(group.name(), lastWorker, elapsedMs(start), error));
        }

        private Uni<CallResult> callOnce(WorkerInstance instance, long timeoutNanos, boolean first) {
            tried.add(instance.id());
            lastWorker = instance.id();
            long callStart = ticker.nanos();
            AtomicBoolean ended = new AtomicBoolean();
            instance.load().callStarted();
            Duration timeout = Duration.ofNanos(timeoutNanos);
            return instance.guard()
                    .call(() -> instance.client().records(query.requestId(), query.name(), query.location(), query.year())
                            .ifNoItem().after(timeout).failWith(() -> WorkerCallException.timedOut(timeout)))
                    .onItemOrFailure().transform((answer, failure) -> {
                        if (ended.compareAndSet(false, true)) {
                            observe(instance, failure, elapsedMs(callStart), first);
                        }
                        return new CallResult(instance, answer, failure);
                    })
                    .onCancellation().invoke(() -> {
                        if (ended.compareAndSet(false, true)) {
                            // a hedge that lost: its time so far is a lower bound of its latency
                            instance.load().callEnded(elapsedMs(callStart));
                        }
                    });
        }

        /** Turns the call's outcome into the instance's health: the one place that judges it. */
        private void observe(WorkerInstance instance, Throwable failure, double tookMs, boolean first) {
            CallOutcome outcome = CallOutcome.of(failure);
            instance.calls().record(outcome.tag(), tookMs);
            if (outcome == CallOutcome.OK) {
                instance.load().callEnded(tookMs);
                instance.outliers().success();
                if (first && query.byName()) {
                    hedge.record((long) (tookMs * 1_000_000));
                }
                return;
            }
            errors.add(instance.id() + ": " + CallErrors.describe(failure));
            if (outcome == CallOutcome.REJECTED) {
                instance.load().callAbandoned(); // rejected by its guard: the instance was never called
                return;
            }
            if (outcome == CallOutcome.CLIENT_ERROR) {
                // it answered, and in its usual time: alive and well, whatever it thought of the query
                instance.load().callEnded(tookMs);
                instance.outliers().success();
                return;
            }
            // a failure must not look fast, or the balancer would prefer a failing instance; doubling
            // its estimate steers traffic away step by step while it still gets the calls that
            // let outlier detection and its breaker judge it (a full timeout's penalty would hide
            // a half-failing instance from both after one error)
            double estimate = instance.load().latencyMs();
            instance.load().callEnded(Math.max(tookMs, Math.max(2 * estimate, 1)));
            instance.outliers().failure();
        }

        /** Sends a second call to another replica if the first is still out after the delay; first answer wins. */
        private Uni<CallResult> hedged(Uni<CallResult> primary, long delayNanos) {
            Uni<CallResult> second = Uni.createFrom().voidItem()
                    .onItem().delayIt().by(Duration.ofNanos(delayNanos))
                    .chain(() -> {
                        List<WorkerInstance> others = CandidateFilter.candidates(registry.instances(group.name()), tried);
                        long remaining = deadline - ticker.nanos();
                        if (others.isEmpty() || remaining <= 0 || !budget(group.name()).tryRetry()) {
                            return Uni.createFrom().failure(new IllegalStateException("no hedge"));
                        }
                        meters.counter("mw.master.hedges", "group", group.name()).increment();
                        return callOnce(balancer.pick(others), Math.min(workerTimeout.toNanos(), remaining), false);
                    });
            return Uni.join().first(succeeded(primary), succeeded(second)).withItem()
                    .onFailure().recoverWithItem(failure -> new CallResult(null, null, failure));
        }

        private Uni<CallResult> succeeded(Uni<CallResult> call) {
            // a refusal ends the race too: the other replica would refuse the query as well
            return call.chain(r -> r.ok() || r.refused() ? Uni.createFrom().item(r) : Uni.createFrom().failure(r.failure()));
        }
    }

    private double elapsedMs(long since) {
        return Math.round((ticker.nanos() - since) / 1_000d) / 1_000d;
    }
}
