package dev.mw.master.query;

import dev.mw.master.problem.ProblemException;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Caps the queries the master works on at once ({@code mw.max-concurrent-queries}): beyond it a
 * query is refused at once with 503 and {@code Retry-After}, instead of joining a queue that
 * grows until everything times out.
 *
 * <p>Also the door of a graceful stop: once the master's shutdown begins (SIGTERM), a new query
 * is refused with 503, {@code Retry-After} and {@code Connection: close}, so its client retries
 * at another master, while the queries already taken finish; Quarkus' own graceful shutdown
 * ({@code quarkus.shutdown.timeout}) waits for their answers, but would still serve new requests.
 */
@ApplicationScoped
public class QueryLimiter {

    private final int limit;
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean stopping;

    @Inject
    QueryLimiter(@ConfigProperty(name = "mw.max-concurrent-queries", defaultValue = "1000") int limit) {
        this.limit = limit;
    }

    /** Takes a slot or throws 503; the caller must {@link #release()} a slot it took. */
    public void acquire() {
        if (stopping) {
            throw new ProblemException(503, "Shutting down", "this master is stopping; retry at another",
                    Map.of("Retry-After", "1", "Connection", "close"));
        }
        if (active.incrementAndGet() > limit) {
            active.decrementAndGet();
            throw new ProblemException(503, "Overloaded", "the master is answering " + limit
                    + " queries already (mw.max-concurrent-queries); retry shortly", Map.of("Retry-After", "1"));
        }
    }

    /** From now on every new query is refused; the ones taken already go on. */
    public void stopAccepting() {
        stopping = true;
    }

    /** Quarkus fires this first thing on shutdown ({@code quarkus.shutdown.delay-enabled}). */
    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        stopAccepting();
    }

    public void release() {
        active.decrementAndGet();
    }

    public int active() {
        return active.get();
    }
}
