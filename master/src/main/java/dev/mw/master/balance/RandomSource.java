package dev.mw.master.balance;

import java.util.concurrent.ThreadLocalRandom;

/** Randomness for the balancers: per-thread in production, seeded in tests. */
@FunctionalInterface
public interface RandomSource {

    RandomSource THREAD_LOCAL = bound -> ThreadLocalRandom.current().nextInt(bound);

    /** A uniformly distributed int in {@code [0, bound)}. */
    int nextInt(int bound);
}
