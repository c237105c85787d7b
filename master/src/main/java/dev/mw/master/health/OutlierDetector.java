package dev.mw.master.health;

import dev.mw.master.time.Ticker;
import java.time.Duration;

/**
 * Passive health of one instance, modelled on Envoy's consecutive-failure outlier detection:
 * after {@code threshold} failures in a row the instance is ejected for {@code base × n} (n = how
 * often it has been ejected, capped at {@code max}); when the ejection ends it is probed, and the
 * first success brings it back. Hand-written: it decides where traffic goes.
 */
public final class OutlierDetector {

    public record Policy(int threshold, Duration baseEjection, Duration maxEjection) {
        public static final Policy DEFAULT = new Policy(3, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    private final Ticker ticker;
    private final Policy policy;
    private int consecutiveFailures;
    private int ejections;
    private long ejectedUntil;
    private boolean probing;

    public OutlierDetector(Ticker ticker, Policy policy) {
        this.ticker = ticker;
        this.policy = policy;
    }

    public synchronized void success() {
        consecutiveFailures = 0;
        probing = false;
    }

    /**
     * The instance registered again: a restarted process, so the failures seen before say nothing
     * about it. Its ejection count stays, so a replica that keeps crashing is still ejected for
     * longer each time.
     */
    public synchronized void restarted() {
        consecutiveFailures = 0;
        probing = false;
    }

    public synchronized void failure() {
        consecutiveFailures++;
        if (!isEjected() && (probing || consecutiveFailures >= policy.threshold())) {
            eject();
        }
    }

    private void eject() {
        ejections++;
        long nanos = Math.min(policy.baseEjection().toNanos() * ejections, policy.maxEjection().toNanos());
        ejectedUntil = ticker.nanos() + nanos;
        probing = true;
    }

    public synchronized boolean isEjected() {
        return probing && ticker.nanos() - ejectedUntil < 0;
    }

    public synchronized InstanceState state() {
        if (isEjected()) {
            return InstanceState.DOWN;
        }
        return probing || consecutiveFailures > 0 ? InstanceState.SUSPECT : InstanceState.UP;
    }

    public synchronized int ejections() {
        return ejections;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }
}
