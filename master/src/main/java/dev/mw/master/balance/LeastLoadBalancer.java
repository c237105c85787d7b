package dev.mw.master.balance;

import dev.mw.master.registry.WorkerInstance;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The instance with the lowest value of one load measure; ties are broken at random so equal
 * instances share the traffic. {@code least-inflight} and {@code least-served} are this class.
 */
public final class LeastLoadBalancer implements Balancer {

    private final ToDoubleFunction<WorkerInstance> load;
    private final RandomSource random;

    public LeastLoadBalancer(ToDoubleFunction<WorkerInstance> load, RandomSource random) {
        this.load = load;
        this.random = random;
    }

    /** Fewest calls in flight from this master; the worker's own report breaks ties. */
    public static LeastLoadBalancer leastInFlight(RandomSource random) {
        return new LeastLoadBalancer(i -> i.health().load().pending() + i.health().load().reportedInFlight() / 1_000d, random);
    }

    /** Fewest requests served: the original system's rule, without polling every worker first. */
    public static LeastLoadBalancer leastServed(RandomSource random) {
        return new LeastLoadBalancer(i -> i.health().load().servedEstimate(), random);
    }

    @Override
    public WorkerInstance pick(List<WorkerInstance> candidates) {
        WorkerInstance best = null;
        double bestLoad = Double.MAX_VALUE;
        int ties = 0;
        for (WorkerInstance candidate : candidates) {
            double value = load.applyAsDouble(candidate);
            if (value < bestLoad) {
                best = candidate;
                bestLoad = value;
                ties = 1;
            } else if (value == bestLoad && random.nextInt(++ties) == 0) {
                best = candidate; // reservoir sampling: each tied instance equally likely
            }
        }
        return best;
    }
}
