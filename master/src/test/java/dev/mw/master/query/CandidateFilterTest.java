package dev.mw.master.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mw.master.registry.WorkerInstance;
import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeClock;
import dev.mw.master.support.FakeTicker;
import dev.mw.master.support.TestRegistries;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CandidateFilterTest {

    private final WorkerRegistry registry = TestRegistries.registry(new FakeClock(), new FakeTicker());

    private static List<String> ids(List<WorkerInstance> instances) {
        return instances.stream().map(WorkerInstance::id).toList();
    }

    private static void eject(WorkerInstance instance) {
        for (int i = 0; i < 3; i++) {
            instance.health().outliers().failure();
        }
    }

    @Test
    void skipsTriedAndEjectedInstances() {
        List<WorkerInstance> four = TestRegistries.instances(registry, 4);
        eject(four.get(1));
        assertEquals(List.of("worker-am-2", "worker-am-3"), ids(CandidateFilter.candidates(four, Set.of("worker-am-0"))));
    }

    @Test
    void whenMostOfTheGroupIsEjectedAllOfItIsUsed() {
        List<WorkerInstance> three = TestRegistries.instances(registry, 3);
        eject(three.get(0));
        eject(three.get(1));
        assertEquals(List.of("worker-am-0", "worker-am-1", "worker-am-2"), ids(CandidateFilter.candidates(three, Set.of())));
    }

    @Test
    void anEjectedInstanceIsStillTriedWhenNoOtherIsLeft() {
        List<WorkerInstance> two = TestRegistries.instances(registry, 2);
        eject(two.get(1));
        assertEquals(List.of("worker-am-1"), ids(CandidateFilter.candidates(two, Set.of("worker-am-0"))));
        assertEquals(List.of(), ids(CandidateFilter.candidates(two, Set.of("worker-am-0", "worker-am-1"))));
    }
}
