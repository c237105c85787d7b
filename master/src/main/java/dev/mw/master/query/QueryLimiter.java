package dev.mw.master.query;

import dev.mw.master.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Caps the queries the master works on at once ({@code mw.max-concurrent-queries}): beyond it a
 * query is refused at once with 503 and {@code Retry-After}, instead of joining a queue that
 * grows until everything times out.
 */
@ApplicationScoped
public class QueryLimiter {

    private final int limit;
    private final AtomicInteger active = new AtomicInteger();

    @Inject
    QueryLimiter(@ConfigProperty(name = "mw.max-concurrent-queries", defaultValue = "1000") int limit) {
        this.limit = limit;
    }

    /** Takes a slot or throws 503; the caller must {@link #release()} a slot it took. */
    public void acquire() {
        if (active.incrementAndGet() > limit) {
            active.decrementAndGet();
            throw new ProblemException(503, "Overloaded", "the master is answering " + limit
                    + " queries already (mw.max-concurrent-queries); retry shortly", Map.of("Retry-After", "1"));
        }
    }

    public void release() {
        active.decrementAndGet();
    }

    public int active() {
        return active.get();
    }
}
