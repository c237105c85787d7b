package dev.mw.master.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code mw.master.calls}: one timer per group, worker and outcome, built once and then looked
 * up (building a meter on every call showed in the master's CPU profile).
 */
final class CallTimers {

    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    CallTimers(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(String group, String worker, String outcome, double tookMs) {
        timers.computeIfAbsent(group + '\n' + worker + '\n' + outcome, key -> Timer.builder("mw.master.calls")
                        .description("calls from the master to worker instances")
                        .tags("group", group, "worker", worker, "outcome", outcome)
                        .publishPercentileHistogram()
                        .register(meters))
                .record(Duration.ofNanos((long) (tookMs * 1_000_000)));
    }
}
