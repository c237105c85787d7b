package dev.mw.worker.query;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.mw.worker.StartupFailure;
import dev.mw.worker.WorkerConfig;
import io.smallrye.mutiny.Uni;

/**
 * Makes this worker slow or failing on purpose ({@code mw.fault.*}), for tests, demos and
 * benchmarks of the master. The delay is a timer, not a sleeping thread, so a slow worker
 * still holds no event-loop thread while it waits.
 */
@ApplicationScoped
public class FaultInjector {

    private final Duration delay;
    private final double errorRate;
    private final DoubleSupplier random;

    @Inject
    public FaultInjector(WorkerConfig config) {
        this(config.fault().delay(), config.fault().errorRate(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random uniform source of doubles in [0, 1); a test passes a fixed one */
    FaultInjector(Duration delay, double errorRate, DoubleSupplier random) {
        this.delay = delay;
        this.errorRate = errorRate;
        this.random = random;
    }

    public void checkConfig() {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new StartupFailure("mw.fault.error-rate must be between 0 and 1, was " + errorRate);
        }
        if (delay.isNegative()) {
            throw new StartupFailure("mw.fault.delay must not be negative, was " + delay);
        }
    }

    /** The answer, delayed by {@code mw.fault.delay} and then failed at {@code mw.fault.error-rate}. */
    public <T> Uni<T> apply(Uni<T> answer) {
        Uni<T> delayed = delay.isZero() ? answer : answer.onItem().delayIt().by(delay);
        return delayed.onItem().invoke(item -> {
            if (shouldFail()) {
                throw new InjectedFaultException();
            }
        });
    }

    boolean shouldFail() {
        return errorRate > 0 && random.getAsDouble() < errorRate;
    }
}
