package dev.mw.master.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.common.registration.Load;
import dev.mw.master.registry.WorkerInstance;
import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeClock;
import dev.mw.master.support.FakeTicker;
import dev.mw.master.support.TestRegistries;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BalancerTest {

    private final FakeTicker ticker = new FakeTicker();
    private final WorkerRegistry registry = TestRegistries.registry(new FakeClock(), ticker);
    private final RandomSource seeded = new Random(42)::nextInt;

    @Test
    void p2cEwmaSendsFewPicksToAReplicaTenTimesSlowerThanItsPeer() {
        List<WorkerInstance> pair = TestRegistries.instances(registry, 2);
        Map<String, Double> latency = Map.of("worker-am-0", 1.0, "worker-am-1", 10.0);
        Map<String, Integer> picks = simulate(new P2cEwmaBalancer(seeded), pair, latency, 10_000);
        double slowShare = picks.getOrDefault("worker-am-1", 0) / 10_000d;
        assertTrue(slowShare < 0.10, "slow replica share " + slowShare);
        assertTrue(picks.getOrDefault("worker-am-1", 0) > 0, "the slow replica is still probed now and then");
    }

    @Test
    void p2cEwmaSpreadsEvenlyOverEqualReplicas() {
        List<WorkerInstance> three = TestRegistries.instances(registry, 3);
        Map<String, Integer> picks = simulate(new P2cEwmaBalancer(seeded), three,
                Map.of("worker-am-0", 2.0, "worker-am-1", 2.0, "worker-am-2", 2.0), 9_000);
        picks.values().forEach(n -> assertTrue(n > 2_000 && n < 4_000, picks.toString()));
    }

    @Test
    void p2cEwmaPrefersTheReplicaWithFewerCallsInFlight() {
        List<WorkerInstance> pair = TestRegistries.instances(registry, 2);
        pair.forEach(i -> {
            i.health().load().callStarted();
            i.health().load().callEnded(5);
        });
        pair.get(0).health().load().callStarted();
        pair.get(0).health().load().callStarted();
        Balancer balancer = new P2cEwmaBalancer(seeded);
        for (int i = 0; i < 100; i++) {
            assertEquals("worker-am-1", balancer.pick(pair).id());
        }
    }

    @Test
    void leastInFlightTakesTheLeastBusyAndBreaksTiesAtRandom() {
        List<WorkerInstance> three = TestRegistries.instances(registry, 3);
        three.get(0).health().load().callStarted();
        Balancer balancer = LeastLoadBalancer.leastInFlight(seeded);
        Map<String, Integer> picks = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            picks.merge(balancer.pick(three).id(), 1, Integer::sum);
        }
        assertEquals(null, picks.get("worker-am-0"));
        assertTrue(picks.get("worker-am-1") > 400 && picks.get("worker-am-2") > 400, picks.toString());
    }

    @Test
    void leastInFlightUsesTheReportedLoadToBreakTies() {
        List<WorkerInstance> pair = TestRegistries.instances(registry, 2);
        registry.heartbeat("worker-am-0", new Load(7, 0));
        assertEquals("worker-am-1", LeastLoadBalancer.leastInFlight(seeded).pick(pair).id());
    }

    @Test
    void leastServedCountsTheReportAndTheCallsSince() {
        List<WorkerInstance> pair = TestRegistries.instances(registry, 2);
        registry.heartbeat("worker-am-0", new Load(0, 10));
        registry.heartbeat("worker-am-1", new Load(0, 12));
        Balancer balancer = LeastLoadBalancer.leastServed(seeded);
        Map<String, Integer> picks = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            WorkerInstance picked = balancer.pick(pair);
            picked.health().load().callStarted();
            picks.merge(picked.id(), 1, Integer::sum);
        }
        assertEquals(Map.of("worker-am-0", 4, "worker-am-1", 2), picks);
    }

    @Test
    void roundRobinTakesEachInTurn() {
        List<WorkerInstance> three = TestRegistries.instances(registry, 3);
        Balancer balancer = new RoundRobinBalancer();
        List<String> order = java.util.stream.IntStream.range(0, 6).mapToObj(i -> balancer.pick(three).id()).toList();
        assertEquals(List.of("worker-am-0", "worker-am-1", "worker-am-2", "worker-am-0", "worker-am-1", "worker-am-2"), order);
    }

    @Test
    void everyBalancerHandlesASingleCandidate() {
        List<WorkerInstance> one = TestRegistries.instances(registry, 1);
        for (String name : List.of("p2c-ewma", "least-inflight", "least-served", "round-robin")) {
            assertEquals("worker-am-0", BalancerConfig.byName(name, seeded).pick(one).id(), name);
        }
    }

    @Test
    void anUnknownBalancerNameIsAConfigurationError() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> BalancerConfig.byName("random", seeded));
        assertTrue(e.getMessage().contains("p2c-ewma, least-inflight, least-served, round-robin"));
    }

    /** Sequential calls on a fake clock: each pick takes its instance's latency. */
    private Map<String, Integer> simulate(Balancer balancer, List<WorkerInstance> candidates,
                                          Map<String, Double> latencyMs, int calls) {
        Map<String, Integer> picks = new HashMap<>();
        for (int i = 0; i < calls; i++) {
            WorkerInstance picked = balancer.pick(candidates);
            picks.merge(picked.id(), 1, Integer::sum);
            double ms = latencyMs.get(picked.id());
            picked.health().load().callStarted();
            ticker.advanceMs(ms);
            picked.health().load().callEnded(ms);
        }
        return picks;
    }
}
