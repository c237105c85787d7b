package dev.mw.master.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.common.registration.Registration;
import dev.mw.master.support.FakeClock;
import dev.mw.master.support.FakeTicker;
import dev.mw.master.support.TestRegistries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /q/metrics follows the registry: an instance's meters come with it and go with it. */
class InstanceMetersTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WorkerRegistry registry = TestRegistries.registry(new FakeClock(), new FakeTicker(), meters);

    private List<Meter> metersOf(String worker) {
        return meters.getMeters().stream().filter(m -> worker.equals(m.getId().getTag("worker"))).toList();
    }

    private WorkerInstance register(String url) {
        registry.register(new Registration("worker-am-0", "am", url));
        return registry.instances("am").get(0);
    }

    @Test
    void anInstanceHasItsGaugesAndCallTimers() {
        WorkerInstance instance = register("http://127.0.0.1:9000");
        instance.health().calls().record("ok", 1.5);
        instance.health().calls().record("ok", 2.5);

        assertEquals(2, meters.get("mw.master.calls").tag("worker", "worker-am-0").tag("outcome", "ok").timer().count());
        assertEquals(1.0, meters.get("mw.master.instance.up").tag("worker", "worker-am-0").gauge().value());
    }

    @Test
    void aReplacedInstanceKeepsGaugesOfItsOwn() {
        WorkerInstance old = register("http://127.0.0.1:9000");
        old.health().calls().record("ok", 1);
        WorkerInstance replacement = register("http://127.0.0.1:9001"); // same id, new address: a restarted pod

        Gauge up = meters.get("mw.master.instance.up").tag("worker", "worker-am-0").gauge();
        assertEquals(1.0, up.value());
        assertEquals(6, metersOf("worker-am-0").size(), "the six gauges, no timer yet: " + metersOf("worker-am-0"));
        replacement.health().calls().record("ok", 1);
        assertEquals(1, meters.get("mw.master.calls").tag("worker", "worker-am-0").timer().count());
    }

    @Test
    void anInstanceThatLeftLeavesNoSeries() {
        WorkerInstance instance = register("http://127.0.0.1:9000");
        instance.health().calls().record("ok", 1);
        instance.health().calls().record("timeout", 2000);

        registry.remove("worker-am-0");
        instance.health().calls().record("ok", 1); // a call that ended after its instance left

        assertTrue(metersOf("worker-am-0").isEmpty(), () -> "left behind: " + metersOf("worker-am-0"));
    }
}
