package dev.mw.master.balance;

import dev.mw.master.registry.WorkerInstance;
import java.util.List;

/**
 * Power of two choices over peak-EWMA latency × (calls in flight + 1)^0.5, the Finagle/Envoy way:
 * two instances drawn at random, the cheaper one called. O(1) per pick, and a slow or loaded
 * instance loses almost every draw without the herd effect of always taking the global minimum.
 * <p>
 * The square root is Envoy's {@code active_request_bias} at 0.5 instead of Finagle's 1: the
 * workers answer many calls at once, so a fast instance with a few calls in flight is still a
 * better bet than one ten times slower; its latency estimate rises anyway when it really queues.
 */
public final class P2cEwmaBalancer implements Balancer {

    private final RandomSource random;

    public P2cEwmaBalancer(RandomSource random) {
        this.random = random;
    }

    @Override
    public WorkerInstance pick(List<WorkerInstance> candidates) {
        int n = candidates.size();
        if (n == 1) {
            return candidates.get(0);
        }
        int a = random.nextInt(n);
        int b = random.nextInt(n - 1);
        if (b >= a) {
            b++;
        }
        WorkerInstance first = candidates.get(a);
        WorkerInstance second = candidates.get(b);
        return cost(second) < cost(first) ? second : first;
    }

    static double cost(WorkerInstance instance) {
        return instance.health().load().latencyMs() * Math.sqrt(instance.health().load().pending() + 1);
    }
}
