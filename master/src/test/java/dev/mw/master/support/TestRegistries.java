package dev.mw.master.support;

import dev.mw.common.registration.Registration;
import dev.mw.master.client.WorkerApi;
import dev.mw.master.group.GroupsParser;
import dev.mw.master.group.ShardRouter;
import dev.mw.master.health.InstanceGuard;
import dev.mw.master.health.OutlierDetector;
import dev.mw.master.registry.WorkerInstance;
import dev.mw.master.registry.WorkerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Registries over fake clocks and clients that are never called, for unit tests. */
public final class TestRegistries {

    public static final int MAX_PER_GROUP = 8;
    public static final ShardRouter ROUTER = new ShardRouter(GroupsParser.parse("am=a-m,nz=n-z"));

    private TestRegistries() {
    }

    public static WorkerRegistry registry(FakeClock clock, FakeTicker ticker) {
        return registry(clock, ticker, new SimpleMeterRegistry());
    }

    public static WorkerRegistry registry(FakeClock clock, FakeTicker ticker, MeterRegistry meters) {
        return new WorkerRegistry(ROUTER, uri -> UnusedClient.create(), clock, ticker, meters, Duration.ofSeconds(10), MAX_PER_GROUP,
                OutlierDetector.Policy.DEFAULT, InstanceGuard.Policy.DEFAULT);
    }

    /** Registers {@code n} instances of group am and returns them, ordered by id. */
    public static List<WorkerInstance> instances(WorkerRegistry registry, int n) {
        for (int i = 0; i < n; i++) {
            registry.register(new Registration("worker-am-" + i, "am", "http://127.0.0.1:" + (9000 + i)));
        }
        return registry.instances("am");
    }

    /**
     * A client that counts closes and must not be called. A dynamic proxy, not a class: a class
     * implementing the {@code @Path} interface would become a server endpoint of the test app.
     */
    public static final class UnusedClient {
        public static final AtomicInteger CLOSED = new AtomicInteger();

        static WorkerApi create() {
            return (WorkerApi) Proxy.newProxyInstance(WorkerApi.class.getClassLoader(), new Class<?>[] {WorkerApi.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "close" -> {
                            CLOSED.incrementAndGet();
                            yield null;
                        }
                        case "toString" -> "UnusedClient";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new AssertionError("not expected to be called: " + method);
                    });
        }
    }
}
