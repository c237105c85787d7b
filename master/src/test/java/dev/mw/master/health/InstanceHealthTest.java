package dev.mw.master.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.client.RecordsJson;
import dev.mw.master.client.WorkerAnswer;
import dev.mw.master.support.FakeTicker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How a call's end becomes the instance's health, in the one place that decides it. A
 * {@code @QuarkusTest} only for the SmallRye Fault Tolerance runtime the guard is built on.
 */
@QuarkusTest
class InstanceHealthTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final double INITIAL_MS = 100;

    private final FakeTicker ticker = new FakeTicker();

    /** One call at a time and one waiting: a slot that is not given back shows at the third call. */
    private InstanceHealth health() {
        InstanceGuard.Policy oneAtATime = new InstanceGuard.Policy(10, 0.5, Duration.ofSeconds(5), 2, 1);
        return new InstanceHealth(ticker, new InstanceLoad(ticker, INITIAL_MS),
                new OutlierDetector(ticker, OutlierDetector.Policy.DEFAULT),
                new InstanceGuard(ticker, oneAtATime, "test instance"),
                new InstanceCalls(new SimpleMeterRegistry(), "am", "am-0"));
    }

    @Test
    void aCancelledCallFreesItsSlotAndDoesNotMakeTheInstanceLookFaster() {
        InstanceHealth health = health();
        AtomicInteger cancelledInside = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            Cancellable call = health.call(() -> Uni.createFrom().<WorkerAnswer>nothing()
                    .onCancellation().invoke(cancelledInside::incrementAndGet), TIMEOUT).subscribe().with(a -> { });
            ticker.advanceMs(5);
            call.cancel();
        }
        assertEquals(3, cancelledInside.get(), "each call inside the guard was cancelled");
        assertEquals(0, health.load().inFlight());
        assertTrue(health.load().latencyMs() >= INITIAL_MS * 0.99,
                "5 ms of a call given up is no latency: " + health.load().latencyMs());
        WorkerAnswer answer = health.call(() -> Uni.createFrom().item(new WorkerAnswer("am", "am-0", RecordsJson.EMPTY)),
                TIMEOUT).await().atMost(Duration.ofSeconds(5));
        assertEquals("am-0", answer.worker(), "the slot was given back: a fourth call got through");
    }

    @Test
    void failuresRaiseTheEstimateNoFurtherThanTheTimeout() {
        InstanceHealth health = health();
        for (int i = 0; i < 2_000; i++) {
            try {
                health.call(() -> Uni.createFrom().failure(new IllegalStateException("broken")), TIMEOUT)
                        .await().atMost(Duration.ofSeconds(5));
            } catch (RuntimeException expected) {
                // a rejection by the open breaker, or the failure itself
            }
            ticker.advanceMs(1);
        }
        double estimate = health.load().latencyMs();
        assertTrue(estimate <= TIMEOUT.toMillis(), "capped at the timeout, was " + estimate);
    }
}
