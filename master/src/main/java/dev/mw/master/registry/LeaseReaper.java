package dev.mw.master.registry;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Removes instances whose lease ran out without a heartbeat. */
@ApplicationScoped
public class LeaseReaper {

    private final WorkerRegistry registry;

    LeaseReaper(WorkerRegistry registry) {
        this.registry = registry;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reap() {
        registry.expire();
    }
}
