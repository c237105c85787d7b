package dev.mw.master.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JitActivityTest {

    private static final long HALF_SECOND = 500_000_000L;

    private final AtomicLong compileMs = new AtomicLong(1_000);
    private long now = 7 * HALF_SECOND;
    private final JitActivity jit = new JitActivity(true, compileMs::get, now);

    private double look(long compiledMs) {
        compileMs.addAndGet(compiledMs);
        now += HALF_SECOND;
        return jit.look(now);
    }

    @Test
    void theShareIsCompilerTimeOverWallTime() {
        assertEquals(0.9, look(450), 1e-9);
        assertEquals(2.0, look(1_000), 1e-9, "two compiler threads busy");
        assertEquals(0.0, look(0), 1e-9);
    }

    @Test
    void settledAfterTwoQuietLooksInARowOnly() {
        look(400);
        assertFalse(jit.settled());
        look(50);
        assertFalse(jit.settled(), "one quiet look can be a pause between compiles");
        look(300);
        look(100);
        assertFalse(jit.settled(), "a busy look starts the count again");
        look(10);
        assertTrue(jit.settled());
        look(200);
        assertFalse(jit.settled());
    }

    @Test
    void theRealJvmReportsItsCompilationTime() {
        JitActivity real = new JitActivity(System.nanoTime());
        assertTrue(real.measurable(), "HotSpot reports compilation time");
        assertTrue(real.look(System.nanoTime() + HALF_SECOND) >= 0);
    }
}
