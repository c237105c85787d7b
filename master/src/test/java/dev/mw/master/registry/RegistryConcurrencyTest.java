package dev.mw.master.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;
import dev.mw.master.support.FakeClock;
import dev.mw.master.support.FakeTicker;
import dev.mw.master.support.TestRegistries;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every registry mutation (register, heartbeat, remove, expire) against every other and the
 * listing: no thread sees an exception, and the gauges in /q/metrics are exactly those of the
 * instances in the registry.
 */
class RegistryConcurrencyTest {

    private static final int IDS = 6;
    private static final int GAUGES_PER_INSTANCE = 6;

    private final FakeClock clock = new FakeClock();
    private final FakeTicker ticker = new FakeTicker();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WorkerRegistry registry = TestRegistries.registry(clock, ticker, meters);

    @Test
    void mutationsRacingEachOtherLeaveEveryInstanceWithItsGaugesAndNoOrphans() throws InterruptedException {
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        threads.add(worker("register", stop, errors, random -> registry.register(registration(random))));
        threads.add(worker("register", stop, errors, random -> registry.register(registration(random))));
        threads.add(worker("heartbeat", stop, errors, random -> registry.heartbeat(id(random), new Load(1, 2))));
        threads.add(worker("remove", stop, errors, random -> registry.remove(id(random))));
        threads.add(worker("expire", stop, errors, random -> {
            clock.advance(Duration.ofMillis(50)); // lease 10 s: an instance without heartbeats lives 200 rounds
            registry.expire();
        }));
        threads.add(worker("list", stop, errors, random -> registry.all().forEach(WorkerView::of)));
        // the registry's monitor is the one lock of its mutations: holding it, the view is consistent
        threads.add(worker("check", stop, errors, random -> {
            synchronized (registry) {
                assertGaugesMatchInstances();
            }
        }));
        threads.forEach(Thread::start);
        Thread.sleep(3000);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(5000);
        }

        assertTrue(errors.isEmpty(), () -> errors.size() + " exceptions: " + errors.stream()
                .collect(Collectors.groupingBy(e -> String.valueOf(e).lines().findFirst().orElse(""), Collectors.counting()))
                + "; the first: " + describe(errors.peek()));
        assertGaugesMatchInstances();
    }

    /**
     * The interleaving the stress test hits by chance, made certain: a remove that has to wait for
     * the registry's lock while a registration of the same id holds it (the replaced pod
     * registering again). Whatever order they end in, the instance left has its gauges.
     */
    @Test
    void aRemoveRacingAReRegistrationLeavesNoInstanceWithoutItsGauges() throws InterruptedException {
        registry.register(new Registration("worker-am-0", "am", "http://127.0.0.1:9000"));
        Thread remover = new Thread(() -> registry.remove("worker-am-0"), "remove");
        synchronized (registry) {
            remover.start();
            awaitBlockedOrDone(remover);
            registry.register(new Registration("worker-am-0", "am", "http://127.0.0.1:9001"));
        }
        remover.join(5000);

        assertGaugesMatchInstances();
    }

    /**
     * A pod that comes back at a new address replaces its instance; a query in between must find
     * the old one or the new one, never a group without either. The reader here runs while the
     * new instance's gauges are being added, the middle of the replacement.
     */
    @Test
    void aReplacementNeverShowsTheGroupWithoutTheInstance() {
        registry.register(new Registration("worker-am-0", "am", "http://127.0.0.1:9000"));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        meters.config().onMeterAdded(meter -> seen.add(registry.instances("am").size()));

        registry.register(new Registration("worker-am-0", "am", "http://127.0.0.1:9001"));

        assertEquals(GAUGES_PER_INSTANCE, seen.size(), "the new instance's gauges were added");
        assertTrue(seen.stream().allMatch(n -> n == 1), "instances of am seen mid-replacement: " + seen);
        assertEquals("http://127.0.0.1:9001", registry.instances("am").get(0).url().toString());
    }

    private void assertGaugesMatchInstances() {
        Map<String, Long> gauges = meters.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("mw.master.instance."))
                .collect(Collectors.groupingBy(m -> m.getId().getTag("worker"), Collectors.counting()));
        Map<String, Long> expected = registry.all().stream()
                .collect(Collectors.toMap(WorkerInstance::id, i -> (long) GAUGES_PER_INSTANCE));
        assertEquals(expected, gauges, "gauges per worker, against the instances in the registry");
    }

    private static void awaitBlockedOrDone(Thread thread) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            Thread.State state = thread.getState();
            if (state == Thread.State.BLOCKED || state == Thread.State.WAITING || state == Thread.State.TERMINATED) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    private interface Step {
        void run(ThreadLocalRandom random);
    }

    private static Thread worker(String name, AtomicBoolean stop, Queue<Throwable> errors, Step step) {
        return new Thread(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stop.get()) {
                try {
                    step.run(random);
                } catch (Throwable t) {
                    errors.add(t);
                }
            }
        }, name);
    }

    private static String id(ThreadLocalRandom random) {
        return "worker-am-" + random.nextInt(IDS);
    }

    /** Two addresses per id, so some registrations replace an instance and some renew it. */
    private static Registration registration(ThreadLocalRandom random) {
        return new Registration(id(random), "am", "http://127.0.0.1:" + (9000 + random.nextInt(2)));
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "none";
        }
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString().lines().limit(8).collect(Collectors.joining("\n"));
    }
}
