package dev.mw.worker.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.mw.worker.StartupFailure;
import io.smallrye.mutiny.Uni;

class FaultInjectorTest {

    @Test
    void noErrorRateNeverFails() {
        FaultInjector faults = new FaultInjector(Duration.ZERO, 0, () -> 0.0);

        assertFalse(faults.shouldFail());
    }

    @Test
    void failsWhenTheDrawIsBelowTheRate() {
        Iterator<Double> draws = List.of(0.29, 0.3, 0.99, 0.0).iterator();
        FaultInjector faults = new FaultInjector(Duration.ZERO, 0.3, draws::next);

        assertEquals(List.of(true, false, false, true),
                IntStream.range(0, 4).mapToObj(i -> faults.shouldFail()).toList());
    }

    @Test
    void fullErrorRateAlwaysFails() {
        FaultInjector faults = new FaultInjector(Duration.ZERO, 1, () -> 0.999999);

        assertTrue(faults.shouldFail());
    }

    @Test
    void anInjectedFaultFailsTheAnswer() {
        FaultInjector faults = new FaultInjector(Duration.ZERO, 1, () -> 0.5);

        Uni<String> answer = faults.apply(Uni.createFrom().item("records"));

        assertThrows(InjectedFaultException.class, () -> answer.await().indefinitely());
    }

    @Test
    void withoutFaultsTheAnswerPassesUnchanged() {
        FaultInjector faults = new FaultInjector(Duration.ZERO, 0, () -> 0.0);

        assertEquals("records", faults.apply(Uni.createFrom().item("records")).await().indefinitely());
    }

    @Test
    void delaysTheAnswer() {
        FaultInjector faults = new FaultInjector(Duration.ofMillis(150), 0, () -> 0.0);
        long started = System.nanoTime();

        String answer = faults.apply(Uni.createFrom().item("records")).await().atMost(Duration.ofSeconds(5));

        assertEquals("records", answer);
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(150).toNanos());
    }

    @Test
    void checksItsConfig() {
        new FaultInjector(Duration.ZERO, 0, () -> 0.0).checkConfig();
        new FaultInjector(Duration.ofSeconds(1), 1, () -> 0.0).checkConfig();

        assertEquals("mw.fault.error-rate must be between 0 and 1, was 1.5", assertThrows(StartupFailure.class,
                () -> new FaultInjector(Duration.ZERO, 1.5, () -> 0.0).checkConfig()).getMessage());
        assertThrows(StartupFailure.class, () -> new FaultInjector(Duration.ZERO, -0.1, () -> 0.0).checkConfig());
        assertThrows(StartupFailure.class, () -> new FaultInjector(Duration.ZERO, Double.NaN, () -> 0.0).checkConfig());
        assertThrows(StartupFailure.class, () -> new FaultInjector(Duration.ofMillis(-1), 0, () -> 0.0).checkConfig());
    }
}
