package dev.mw.worker.query;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;

import dev.mw.common.registration.Load;
import dev.mw.worker.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Counts /api/records requests in flight and queries served (answered successfully: one per GET,
 * each query a batch answered with records), which the master balances on, and counts completed
 * requests by outcome for the metrics.
 */
@ApplicationScoped
public class LoadTracker {

    static final String OK = "ok";
    static final String CLIENT_ERROR = "client_error";
    static final String INJECTED_FAULT = "injected_fault";
    static final String ERROR = "error";
    static final String CANCELLED = "cancelled";

    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final Map<String, Counter> byOutcome;

    public LoadTracker(MeterRegistry registry) {
        Gauge.builder("mw.worker.requests.in.flight", inFlight, AtomicLong::get)
                .description("/api/records requests being processed")
                .register(registry);
        byOutcome = Map.of(
                OK, counter(registry, OK),
                CLIENT_ERROR, counter(registry, CLIENT_ERROR),
                INJECTED_FAULT, counter(registry, INJECTED_FAULT),
                ERROR, counter(registry, ERROR),
                CANCELLED, counter(registry, CANCELLED));
    }

    /** Runs one request, counting it in flight from subscription until it ends, however it ends. */
    public <T> Uni<T> track(Supplier<Uni<T>> request) {
        return track(request, answer -> 1);
    }

    /**
     * As {@link #track(Supplier)}, for a request that answers several queries: when it succeeds,
     * {@code served} counts the queries its answer served.
     */
    public <T> Uni<T> track(Supplier<Uni<T>> request, ToLongFunction<? super T> queriesServed) {
        return Uni.createFrom().deferred(() -> {
            inFlight.incrementAndGet();
            return request.get();
        }).onTermination().invoke((item, failure, cancelled) -> {
            inFlight.decrementAndGet();
            String outcome = outcome(failure, cancelled);
            if (outcome == OK) { // only answers (2xx): an error or a cancelled call was not served
                served.addAndGet(queriesServed.applyAsLong(item));
            }
            byOutcome.get(outcome).increment();
        });
    }

    public Load current() {
        return new Load(inFlight.get(), served.get());
    }

    static String outcome(Throwable failure, boolean cancelled) {
        if (cancelled) {
            return CANCELLED;
        }
        if (failure == null) {
            return OK;
        }
        if (failure instanceof InjectedFaultException) {
            return INJECTED_FAULT;
        }
        if (failure instanceof ProblemException problem && problem.problem().status() < 500) {
            return CLIENT_ERROR;
        }
        return ERROR;
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("mw.worker.requests")
                .description("Completed /api/records requests by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
