package dev.mw.master.readiness;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * How busy the JIT's compiler threads are, from the JVM's own compilation time: what tells the
 * warm-up that the hot path is compiled and more warm-up buys nothing.
 */
final class JitActivity {

    /**
     * Below this share of one CPU spent compiling, the JIT counts as quiet. Measured on 2 CPUs
     * (bench/README.md, scenario 7): the compilers run at 60-130 % of a CPU for about 25 s of
     * warm-up, then fall to 5-30 % while C2 still finishes rarer methods.
     */
    static final double QUIET_SHARE = 0.25;
    /** Quiet looks in a row that make it settled: one quiet look can be a pause between two compiles. */
    static final int QUIET_LOOKS = 2;

    private final LongSupplier compileMs;
    private final boolean measurable;
    private long lastCompileMs;
    private long lastNanos;
    private int quietLooks;

    JitActivity(long nowNanos) {
        this(ManagementFactory.getCompilationMXBean(), nowNanos);
    }

    private JitActivity(CompilationMXBean jit, long nowNanos) {
        this(jit != null && jit.isCompilationTimeMonitoringSupported(),
                jit == null ? () -> 0 : jit::getTotalCompilationTime, nowNanos);
    }

    /** @param compileMs the compilers' total time so far, in ms */
    JitActivity(boolean measurable, LongSupplier compileMs, long nowNanos) {
        this.measurable = measurable;
        this.compileMs = compileMs;
        this.lastCompileMs = measurable ? compileMs.getAsLong() : 0;
        this.lastNanos = nowNanos;
    }

    /** Whether this JVM reports compilation time at all (a native image does not). */
    boolean measurable() {
        return measurable;
    }

    /** Compiler time since the last look, as a share of one CPU over the same wall time. */
    double look(long nowNanos) {
        long total = compileMs.getAsLong();
        double share = (total - lastCompileMs) / Math.max(1, (nowNanos - lastNanos) / 1e6);
        lastCompileMs = total;
        lastNanos = nowNanos;
        quietLooks = share < QUIET_SHARE ? quietLooks + 1 : 0;
        return share;
    }

    /** The last {@value #QUIET_LOOKS} looks were all quiet. */
    boolean settled() {
        return quietLooks >= QUIET_LOOKS;
    }
}
