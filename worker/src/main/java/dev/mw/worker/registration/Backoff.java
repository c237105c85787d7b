package dev.mw.worker.registration;

import java.time.Duration;
import java.util.Random;

/**
 * Capped exponential backoff with full jitter: the delay before retry number {@code attempt}
 * (from 0) is uniformly random in {@code [0, min(cap, base * 2^attempt)]}. The jitter keeps
 * many workers that lost the same master from retrying in lock-step.
 * Not thread-safe: one instance per retry loop.
 */
public final class Backoff {

    private static final int MAX_DOUBLINGS = 30;

    private final long baseMillis;
    private final long capMillis;
    private final Random random;

    public Backoff(Duration base, Duration cap, Random random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got base " + base + ", cap " + cap);
        }
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
    }

    public Duration delay(int attempt) {
        return Duration.ofMillis(random.nextLong(ceilingMillis(attempt) + 1));
    }

    /** The longest delay of retry number {@code attempt}. */
    public long ceilingMillis(int attempt) {
        int doublings = Math.min(Math.max(attempt, 0), MAX_DOUBLINGS);
        return Math.min(capMillis, baseMillis << doublings);
    }

    public Duration cap() {
        return Duration.ofMillis(capMillis);
    }
}
