package dev.mw.master.health;

import dev.mw.master.time.Ticker;

/**
 * Peak-sensitive, time-weighted moving average of call latency, as in Finagle's and Envoy's
 * peak-EWMA balancers: a slower observation replaces the estimate at once, faster ones pull it
 * down with weight {@code 1 - exp(-elapsed/tau)}, and reading decays it toward zero, so an
 * instance that stopped being picked is tried again after a while instead of being forgotten.
 * <p>
 * One change to Finagle's: every faster observation moves the estimate at least
 * {@code minWeight} of the way. Under load observations come milliseconds apart, so with the
 * time weight alone a single spike that hit a fast instance (a GC pause, CPU contention on the
 * master) would make it look slow for tens of seconds and hand its traffic to a really slow one.
 */
public final class PeakEwma {

    private final Ticker ticker;
    private final double tauNanos;
    private final double minWeight;
    private double costMs;
    private long stamp;

    public PeakEwma(Ticker ticker, double tauMs, double initialMs) {
        this(ticker, tauMs, initialMs, 0.1);
    }

    public PeakEwma(Ticker ticker, double tauMs, double initialMs, double minWeight) {
        this.ticker = ticker;
        this.tauNanos = tauMs * 1_000_000d;
        this.minWeight = minWeight;
        this.costMs = initialMs;
        this.stamp = ticker.nanos();
    }

    public synchronized void observe(double latencyMs) {
        double keep = Math.min(decay(), 1 - minWeight);
        costMs = latencyMs > costMs ? latencyMs : costMs * keep + latencyMs * (1 - keep);
    }

    /** The current estimate in milliseconds, decayed to now. */
    public synchronized double get() {
        costMs *= decay();
        return costMs;
    }

    /** The weight the estimate keeps for the time since the last update; moves the stamp to now. */
    private double decay() {
        long now = ticker.nanos();
        double weight = Math.exp(-Math.max(now - stamp, 0) / tauNanos);
        stamp = now;
        return weight;
    }
}
