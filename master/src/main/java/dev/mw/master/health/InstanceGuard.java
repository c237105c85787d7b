package dev.mw.master.health;

import dev.mw.master.client.CallOutcome;
import dev.mw.master.client.HttpWorkerClients;
import dev.mw.master.client.WorkerCallException;
import dev.mw.master.time.Ticker;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * One instance's circuit breaker and bulkhead: a SmallRye Fault Tolerance {@link TypedGuard} of
 * its own, created with the instance and dropped with it. The breaker opens when half of the last
 * {@code window} calls failed (a {@link CallOutcome#instanceFailure() failure of the instance}: a
 * 4xx the query caused is not one); while it is open and its delay has not passed, the instance is not
 * a candidate; after the delay the next call is the probe that closes it again or re-opens it.
 */
public final class InstanceGuard {

    public record Policy(int window, double failureRatio, Duration openDelay, int successThreshold, int maxConcurrent) {
        /** The bulkhead admits twice the client's connections; the calls beyond them wait for one. */
        public static final Policy DEFAULT = new Policy(10, 0.5, Duration.ofSeconds(5), 2,
                2 * HttpWorkerClients.CONNECTIONS_PER_INSTANCE);
    }

    private final Ticker ticker;
    private final Policy policy;
    private final String description;
    private volatile TypedGuard<Uni<Object>> guard;
    private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;
    private volatile long openedAt;

    public InstanceGuard(Ticker ticker, Policy policy, String description) {
        this.ticker = ticker;
        this.policy = policy;
        this.description = description;
    }

    /**
     * Runs the call through the breaker and bulkhead; a rejection fails the Uni at once with a
     * {@link CallOutcome#REJECTED} {@link WorkerCallException}.
     */
    @SuppressWarnings("unchecked") // the guard passes the call's item through untouched
    public <T> Uni<T> call(Supplier<Uni<T>> call) {
        Uni<Object> guarded = guard().get(() -> (Uni<Object>) call.get());
        return (Uni<T>) guarded.onFailure(InstanceGuard::isRejection).transform(InstanceGuard::rejected);
    }

    private static boolean isRejection(Throwable failure) {
        return failure instanceof CircuitBreakerOpenException || failure instanceof BulkheadException;
    }

    private static WorkerCallException rejected(Throwable rejection) {
        return WorkerCallException.rejected(rejection instanceof CircuitBreakerOpenException ? "circuit breaker open"
                : "too many calls in flight (bulkhead full)", rejection);
    }

    public CircuitBreakerState breakerState() {
        return state;
    }

    /** Open and still within its delay: calls would be rejected without reaching the instance. */
    public boolean rejectsCalls() {
        return state == CircuitBreakerState.OPEN && ticker.nanos() - openedAt < policy.openDelay().toNanos();
    }

    void stateChanged(CircuitBreakerState newState) {
        if (newState == CircuitBreakerState.OPEN) {
            openedAt = ticker.nanos();
        }
        state = newState;
    }

    // built on first use, so registry unit tests that never call an instance need no FT runtime
    private TypedGuard<Uni<Object>> guard() {
        TypedGuard<Uni<Object>> current = guard;
        if (current == null) {
            synchronized (this) {
                if (guard == null) {
                    guard = build();
                }
                current = guard;
            }
        }
        return current;
    }

    // one guard for every kind of call to the instance (one query, a batch): it sees calls, not items
    private TypedGuard<Uni<Object>> build() {
        return TypedGuard.create(new TypeLiteral<Uni<Object>>() { })
                .withDescription(description)
                // the guarded call is non-blocking: off an event loop (a retry after a timeout), run it
                // on the calling thread instead of handing it to a worker thread
                .withThreadOffload(false)
                .withCircuitBreaker()
                    .requestVolumeThreshold(policy.window())
                    .failureRatio(policy.failureRatio())
                    .delay(policy.openDelay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(policy.successThreshold())
                    .onStateChange(this::stateChanged)
                    // a query the worker refused (4xx) is the caller's problem, not the instance's:
                    // the breaker counts it as a success, as Envoy's outlier detection does
                    .when(failure -> CallOutcome.of(failure).instanceFailure())
                    .done()
                .withBulkhead()
                    .limit(policy.maxConcurrent())
                    .queueSize(1)
                    .done()
                .build();
    }
}
