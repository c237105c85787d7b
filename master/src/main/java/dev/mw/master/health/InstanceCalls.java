package dev.mw.master.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code mw.master.calls} of one instance: a timer per outcome, built on first use and then looked
 * up (building a meter on every call showed in the master's CPU profile), and removed with the
 * instance, so an instance that left leaves no series behind.
 */
public final class InstanceCalls {

    private final MeterRegistry meters;
    private final String group;
    private final String worker;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private boolean closed;

    public InstanceCalls(MeterRegistry meters, String group, String worker) {
        this.meters = meters;
        this.group = group;
        this.worker = worker;
    }

    public void record(String outcome, double tookMs) {
        Timer timer = timers.get(outcome);
        if (timer == null) {
            timer = create(outcome);
        }
        if (timer != null) {
            timer.record(Duration.ofNanos((long) (tookMs * 1_000_000)));
        }
    }

    /** Null once closed: a call that ends after its instance left is not counted. */
    private synchronized Timer create(String outcome) {
        if (closed) {
            return null;
        }
        return timers.computeIfAbsent(outcome, o -> Timer.builder("mw.master.calls")
                .description("calls from the master to worker instances")
                .tags("group", group, "worker", worker, "outcome", o)
                .publishPercentileHistogram()
                .register(meters));
    }

    public synchronized void close() {
        closed = true;
        timers.values().forEach(meters::remove);
        timers.clear();
    }
}
