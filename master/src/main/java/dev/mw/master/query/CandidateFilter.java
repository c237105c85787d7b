package dev.mw.master.query;

import dev.mw.master.registry.WorkerInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which instances of a group a call may go to: not yet tried for this query, not ejected and
 * not behind an open circuit breaker,
 * with Envoy's panic threshold as a floor: when fewer than half of the group are healthy, or
 * every untried instance is ejected, all untried instances are candidates again, so outlier
 * ejection never leaves a group with nothing while some instance might still answer.
 */
final class CandidateFilter {

    private CandidateFilter() {
    }

    static List<WorkerInstance> candidates(List<WorkerInstance> group, Set<String> tried) {
        List<WorkerInstance> untried = new ArrayList<>(group.size());
        List<WorkerInstance> healthy = new ArrayList<>(group.size());
        int healthyInGroup = 0;
        for (WorkerInstance instance : group) {
            boolean ejected = !instance.available();
            if (!ejected) {
                healthyInGroup++;
            }
            if (!tried.contains(instance.id())) {
                untried.add(instance);
                if (!ejected) {
                    healthy.add(instance);
                }
            }
        }
        boolean panic = healthyInGroup * 2 < group.size();
        return panic || healthy.isEmpty() ? untried : healthy;
    }
}
