package dev.mw.master.balance;

import dev.mw.master.registry.WorkerInstance;
import java.util.List;

/**
 * Picks the instance of a group to call, from what the master already knows (no extra round
 * trip per query). Implementations are called concurrently from event-loop threads.
 */
public interface Balancer {

    /** @param candidates a non-empty list in a stable order (by id) */
    WorkerInstance pick(List<WorkerInstance> candidates);
}
