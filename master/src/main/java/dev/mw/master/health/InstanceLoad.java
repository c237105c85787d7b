package dev.mw.master.health;

import dev.mw.master.time.Ticker;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the master knows about one instance's load without asking it: calls it has in flight to
 * the instance, the latency it observed, and what the instance reported in its last heartbeat.
 * Thread-safe: updated from event-loop threads.
 */
public final class InstanceLoad {

    /**
     * Decay time of the latency estimate: how fast an instance that is not picked any more (after
     * a slow cold start, a spike, a fault) becomes a candidate again. Finagle uses 10 s; with
     * fast workers 2 s brings a restarted replica back into service within seconds.
     */
    static final double TAU_MS = 2_000;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong callsSinceReport = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final PeakEwma latency;
    private volatile int reportedInFlight;
    private volatile long reportedServed;

    public InstanceLoad(Ticker ticker, double initialLatencyMs) {
        this.latency = new PeakEwma(ticker, TAU_MS, initialLatencyMs);
    }

    public void callStarted() {
        inFlight.incrementAndGet();
        calls.incrementAndGet();
        callsSinceReport.incrementAndGet();
    }

    /** @param latencyMs the call's latency, or a penalty for a failed call */
    public void callEnded(double latencyMs) {
        inFlight.decrementAndGet();
        latency.observe(latencyMs);
    }

    /** Evidence that the instance is slower than estimated, from no call of its own that ended. */
    public void slower(double latencyMs) {
        latency.observe(latencyMs);
    }

    /** A call that never reached the instance (rejected by its guard): no latency to learn from. */
    public void callAbandoned() {
        inFlight.decrementAndGet();
    }

    public void report(int workerInFlight, long workerServed) {
        reportedInFlight = workerInFlight;
        reportedServed = workerServed;
        callsSinceReport.set(0);
    }

    /** Calls this master has in flight to the instance. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Queries added to ({@code delta > 0}) or taken from the queue for this instance's next batch. */
    public void waiting(int delta) {
        waiting.addAndGet(delta);
    }

    /**
     * The work this master has given the instance and not had back: calls in flight plus the
     * queries waiting at the master for its next batch. What the balancers compare.
     */
    public int pending() {
        return inFlight.get() + waiting.get();
    }

    public int reportedInFlight() {
        return reportedInFlight;
    }

    /** The instance's served count as of its last heartbeat plus this master's calls since. */
    public long servedEstimate() {
        return reportedServed + callsSinceReport.get();
    }

    public long calls() {
        return calls.get();
    }

    public double latencyMs() {
        return latency.get();
    }
}
