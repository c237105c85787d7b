package dev.mw.master.registry;

import dev.mw.master.time.Ticker;

/**
 * Peak-sensitive, time-weighted moving average of call latency, as in Finagle's and Envoy's
 * peak-EWMA balancers: a slower observation replaces the estimate at once, faster ones pull it
 * down with weight {@code 1 - exp(-elapsed/tau)}, and reading decays it toward zero, so an
 * instance that stopped being picked is tried again after a while instead of being forgotten.
 */
public final class PeakEwma {

    private final Ticker ticker;
    private final double tauNanos;
    private double costMs;
    private long stamp;

    public PeakEwma(Ticker ticker, double tauMs, double initialMs) {
        this.ticker = ticker;
        this.tauNanos = tauMs * 1_000_000d;
        this.costMs = initialMs;
        this.stamp = ticker.nanos();
    }

    public synchronized void observe(double latencyMs) {
        long now = ticker.nanos();
        double weight = Math.exp(-Math.max(now - stamp, 0) / tauNanos);
        costMs = latencyMs > costMs ? latencyMs : costMs * weight + latencyMs * (1 - weight);
        stamp = now;
    }

    /** The current estimate in milliseconds, decayed to now. */
    public synchronized double get() {
        observe(0);
        return costMs;
    }
}
