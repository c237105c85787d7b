package dev.mw.master.registry;

import dev.mw.master.health.InstanceCalls;
import dev.mw.master.health.InstanceState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-instance gauges (state, calls in flight, latency estimate, breaker, ejections), registered
 * when an instance joins the registry and removed, with its call timers, when it leaves, so
 * /q/metrics shows the same as {@code GET /api/workers}.
 */
final class InstanceMeters {

    private final MeterRegistry meters;
    private final Map<WorkerInstance, List<Meter>> registered = new ConcurrentHashMap<>();

    InstanceMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    void add(WorkerInstance instance) {
        Tags tags = Tags.of("group", instance.group(), "worker", instance.id());
        List<Meter> list = new ArrayList<>();
        list.add(gauge("mw.master.instance.up", tags, instance, i -> i.state() == InstanceState.UP ? 1 : 0,
                "1 when the instance is UP, 0 when SUSPECT or DOWN"));
        list.add(gauge("mw.master.instance.ejected", tags, instance, i -> i.health().outliers().isEjected() ? 1 : 0,
                "1 while the instance is ejected by outlier detection"));
        list.add(gauge("mw.master.instance.ejections", tags, instance, i -> i.health().outliers().ejections(),
                "how often the instance was ejected"));
        list.add(gauge("mw.master.instance.breaker.open", tags, instance,
                i -> i.health().breakerState().ordinal(), "circuit breaker state: 0 closed, 1 open, 2 half-open"));
        list.add(gauge("mw.master.instance.inflight", tags, instance, i -> i.health().load().inFlight(),
                "calls in flight from this master"));
        list.add(gauge("mw.master.instance.latency.ewma", tags, instance, i -> i.health().load().latencyMs() / 1000d,
                "peak-EWMA latency estimate in seconds"));
        registered.put(instance, list);
    }

    void remove(WorkerInstance instance) {
        List<Meter> list = registered.remove(instance);
        if (list != null) {
            list.forEach(meters::remove);
        }
        instance.health().close();
    }

    InstanceCalls calls(String group, String worker) {
        return new InstanceCalls(meters, group, worker);
    }

    private Meter gauge(String name, Tags tags, WorkerInstance instance,
                        java.util.function.ToDoubleFunction<WorkerInstance> value, String description) {
        return Gauge.builder(name, instance, value).tags(tags).description(description).register(meters);
    }
}
