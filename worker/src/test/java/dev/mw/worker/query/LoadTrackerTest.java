package dev.mw.worker.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mw.common.registration.Load;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

class LoadTrackerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LoadTracker tracker = new LoadTracker(registry);

    @Test
    void countsARequestInFlightUntilItEnds() {
        UniEmitter<? super String>[] emitter = new UniEmitter[1];
        Uni<String> request = tracker.track(() -> Uni.createFrom().emitter(e -> emitter[0] = e));

        request.subscribe().with(item -> { }, failure -> { });
        assertEquals(new Load(1, 0), tracker.current());

        emitter[0].complete("done");
        assertEquals(new Load(0, 1), tracker.current());
        assertEquals(1, outcomes(LoadTracker.OK));
    }

    @Test
    void aBatchIsOneRequestInFlightThatServesTheQueriesItAnswered() {
        UniEmitter<? super List<String>>[] emitter = new UniEmitter[1];
        Uni<List<String>> batch = tracker.track(() -> Uni.createFrom().emitter(e -> emitter[0] = e), List::size);

        batch.subscribe().with(item -> { }, failure -> { });
        assertEquals(new Load(1, 0), tracker.current());

        emitter[0].complete(List.of("a", "b", "c"));
        assertEquals(new Load(0, 3), tracker.current());
        assertEquals(1, outcomes(LoadTracker.OK), "one request");
    }

    @Test
    void aFailedBatchServesNothing() {
        assertThrows(InvalidBatchException.class, () -> tracker.track(
                () -> Uni.createFrom().<String>failure(new InvalidBatchException("bad")), answer -> 64).await().indefinitely());

        assertEquals(new Load(0, 0), tracker.current());
        assertEquals(1, outcomes(LoadTracker.CLIENT_ERROR));
    }

    @Test
    void countsNothingBeforeSubscription() {
        tracker.track(() -> Uni.createFrom().item("x"));

        assertEquals(new Load(0, 0), tracker.current());
    }

    @Test
    void countsFailuresByOutcome() {
        assertThrows(InvalidQueryException.class,
                () -> tracker.track(() -> { throw new InvalidQueryException("bad"); }).await().indefinitely());
        assertThrows(InjectedFaultException.class,
                () -> tracker.track(() -> Uni.createFrom().failure(new InjectedFaultException())).await().indefinitely());
        assertThrows(IllegalStateException.class,
                () -> tracker.track(() -> Uni.createFrom().failure(new IllegalStateException())).await().indefinitely());

        assertEquals(new Load(0, 0), tracker.current(), "served counts only successful answers");
        assertEquals(1, outcomes(LoadTracker.CLIENT_ERROR));
        assertEquals(1, outcomes(LoadTracker.INJECTED_FAULT));
        assertEquals(1, outcomes(LoadTracker.ERROR));
    }

    @Test
    void aCancelledRequestLeavesTheFlight() {
        tracker.track(() -> Uni.createFrom().nothing()).subscribe().with(item -> { }).cancel();

        assertEquals(new Load(0, 0), tracker.current(), "a cancelled request was not served");
        assertEquals(1, outcomes(LoadTracker.CANCELLED));
    }

    private double outcomes(String outcome) {
        return registry.get("mw.worker.requests").tag("outcome", outcome).counter().count();
    }
}
