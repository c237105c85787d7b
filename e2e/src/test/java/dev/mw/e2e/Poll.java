package dev.mw.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling: tests wait for a condition, never for a fixed time. */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {
    }

    /**
     * Checks {@code condition} every 100 ms until it holds; fails with {@code whyNot} (evaluated
     * only on failure) once {@code timeout} has passed.
     */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whyNot) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms: " + whyNot.get());
            }
            sleep(INTERVAL);
        }
    }

    /** A short pause; restores the interrupt flag and fails if interrupted. */
    public static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
