package dev.mw.master.registry;

import dev.mw.master.health.InstanceLoad;
import dev.mw.master.health.InstanceState;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** One entry of {@code GET /api/workers}. */
@RegisterForReflection
public record WorkerView(String id, String group, String url, InstanceState state, int inFlight, long served,
                         double latencyMs, Instant lastSeen, String breaker, int consecutiveFailures,
                         int ejections) {

    static WorkerView of(WorkerInstance instance) {
        InstanceLoad load = instance.health().load();
        return new WorkerView(instance.id(), instance.group(), instance.url().toString(), instance.state(),
                Math.max(load.inFlight(), load.reportedInFlight()), load.servedEstimate(),
                Math.round(load.latencyMs() * 1000) / 1000d, instance.lastSeen(),
                instance.health().breakerState().name(), instance.health().outliers().consecutiveFailures(), instance.health().outliers().ejections());
    }
}
