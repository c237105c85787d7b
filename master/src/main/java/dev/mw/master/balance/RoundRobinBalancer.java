package dev.mw.master.balance;

import dev.mw.master.registry.WorkerInstance;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Each instance in turn, blind to load. */
public final class RoundRobinBalancer implements Balancer {

    private final AtomicLong next = new AtomicLong();

    @Override
    public WorkerInstance pick(List<WorkerInstance> candidates) {
        return candidates.get((int) Math.floorMod(next.getAndIncrement(), (long) candidates.size()));
    }
}
