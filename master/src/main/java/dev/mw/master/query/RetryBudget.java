package dev.mw.master.query;

import dev.mw.master.time.Ticker;

/**
 * Finagle's retry budget: over a sliding window, retries (and hedges) may add at most
 * {@code ratio} of the first calls, plus a small floor per second so a quiet group can still
 * retry. When a whole group is down, this keeps the master from doubling the load on it.
 * Thread-safe; one per group.
 */
public final class RetryBudget {

    private static final int SLOTS = 10;
    private static final long SLOT_NANOS = 1_000_000_000L;

    private final Ticker ticker;
    private final double ratio;
    private final int minPerSecond;
    private final long[] calls = new long[SLOTS];
    private final long[] retries = new long[SLOTS];
    private final long[] slotSecond = new long[SLOTS];

    public RetryBudget(Ticker ticker, double ratio, int minPerSecond) {
        this.ticker = ticker;
        this.ratio = ratio;
        this.minPerSecond = minPerSecond;
    }

    public synchronized void recordCall() {
        calls[slot()]++;
    }

    /** Spends one retry if the budget allows it. */
    public synchronized boolean tryRetry() {
        int current = slot();
        long windowCalls = 0;
        long windowRetries = 0;
        for (int i = 0; i < SLOTS; i++) {
            windowCalls += calls[i];
            windowRetries += retries[i];
        }
        if (windowRetries >= (long) (minPerSecond * SLOTS + ratio * windowCalls)) {
            return false;
        }
        retries[current]++;
        return true;
    }

    /** The slot of the current second, cleared if it last held an older second. */
    private int slot() {
        long second = Math.floorDiv(ticker.nanos(), SLOT_NANOS);
        int slot = (int) Math.floorMod(second, (long) SLOTS);
        if (slotSecond[slot] != second) {
            slotSecond[slot] = second;
            calls[slot] = 0;
            retries[slot] = 0;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (second - slotSecond[i] >= SLOTS) {
                calls[i] = 0;
                retries[i] = 0;
            }
        }
        return slot;
    }
}
