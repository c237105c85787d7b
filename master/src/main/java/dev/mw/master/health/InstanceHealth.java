package dev.mw.master.health;

import dev.mw.master.client.CallOutcome;
import dev.mw.master.client.WorkerCallException;
import dev.mw.master.time.Ticker;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What the master knows of one instance's health (load and latency estimate, outlier detection,
 * circuit breaker and bulkhead, call timers), and the one place where a call's
 * {@link CallOutcome} becomes that health. Callers hand it the call and read the answer; they
 * report nothing themselves. Thread-safe.
 */
public final class InstanceHealth {

    private final Ticker ticker;
    private final InstanceLoad load;
    private final OutlierDetector outliers;
    private final InstanceGuard guard;
    private final InstanceCalls calls;

    public InstanceHealth(Ticker ticker, InstanceLoad load, OutlierDetector outliers, InstanceGuard guard,
                          InstanceCalls calls) {
        this.ticker = ticker;
        this.load = load;
        this.outliers = outliers;
        this.guard = guard;
        this.calls = calls;
    }

    /**
     * Makes the call through the guard, bounded by {@code timeout}, and records how it ended.
     * Cancelling the returned Uni gives the call up at once: its connection and its bulkhead slot
     * are freed, and its time so far counts only as a lower bound of the instance's latency.
     */
    public <T> Uni<T> call(Supplier<Uni<T>> call, Duration timeout) {
        return Uni.createFrom().deferred(() -> {
            long start = ticker.nanos();
            AtomicBoolean ended = new AtomicBoolean();
            CallCancellation<T> cancellation = new CallCancellation<>();
            load.callStarted();
            return guard.call(() -> cancellation.cancellable(call.get()
                            .ifNoItem().after(timeout).failWith(() -> WorkerCallException.timedOut(timeout))))
                    .onItemOrFailure().invoke((answer, failure) -> {
                        if (ended.compareAndSet(false, true)) {
                            record(CallOutcome.of(failure), elapsedMs(start), timeout);
                        }
                    })
                    .onCancellation().invoke(() -> {
                        cancellation.cancel();
                        if (ended.compareAndSet(false, true)) {
                            record(CallOutcome.CANCELLED, elapsedMs(start), timeout);
                        }
                    });
        });
    }

    private void record(CallOutcome outcome, double tookMs, Duration timeout) {
        calls.record(outcome.tag(), tookMs);
        switch (outcome) {
            // a refusal came in the instance's usual time: alive and well, whatever it thought of the query
            case OK, CLIENT_ERROR -> {
                load.callEnded(tookMs);
                outliers.success();
            }
            case REJECTED -> load.callAbandoned(); // its guard refused: the instance was never called
            // a lower bound of its latency: it may raise the estimate, never lower it
            case CANCELLED -> load.callEnded(Math.max(tookMs, load.latencyMs()));
            default -> {
                load.callEnded(failurePenaltyMs(tookMs, timeout));
                outliers.failure();
            }
        }
    }

    /**
     * A failure must not look fast, or the balancer would prefer a failing instance. Doubling the
     * estimate steers traffic away step by step while the instance still gets the calls that let
     * outlier detection and its breaker judge it (a full timeout's penalty at once would hide a
     * half-failing instance from both after one error); the timeout caps it, so a long run of
     * failures cannot grow it without bound.
     */
    private double failurePenaltyMs(double tookMs, Duration timeout) {
        double doubled = Math.max(2 * load.latencyMs(), 1);
        return Math.max(tookMs, Math.min(doubled, timeout.toMillis()));
    }

    /**
     * Another replica answered a query first while this instance's call was still out past the
     * hedge delay: it is slower than its siblings now (a frozen process, a long GC), and the
     * balancer should see that at once, as it would a failure's penalty; it is no failure, so
     * outlier detection and the breaker are not told.
     */
    public void overtaken(Duration timeout) {
        load.slower(failurePenaltyMs(0, timeout));
    }

    /** DOWN while ejected; SUSPECT while failing, probed, or while its breaker is not closed. */
    public InstanceState state() {
        InstanceState state = outliers.state();
        if (state == InstanceState.UP && guard.breakerState() != CircuitBreakerState.CLOSED) {
            return InstanceState.SUSPECT;
        }
        return state;
    }

    /** Neither ejected nor behind an open breaker: a call would reach it. */
    public boolean available() {
        return !outliers.isEjected() && !guard.rejectsCalls();
    }

    /** It registered again: a restarted process, whose earlier failures say nothing about it. */
    public void restarted() {
        outliers.restarted();
    }

    public InstanceLoad load() {
        return load;
    }

    public OutlierDetector outliers() {
        return outliers;
    }

    /** The timers of the calls the master made to this instance. */
    public InstanceCalls calls() {
        return calls;
    }

    public CircuitBreakerState breakerState() {
        return guard.breakerState();
    }

    /** Removes its call timers: an instance that left leaves no series behind. */
    public void close() {
        calls.close();
    }

    private double elapsedMs(long since) {
        return Math.round((ticker.nanos() - since) / 1_000d) / 1_000d;
    }
}
