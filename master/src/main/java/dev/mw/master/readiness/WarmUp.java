package dev.mw.master.readiness;

import java.time.Duration;
import java.time.Instant;

/**
 * What {@link MasterReadiness} asks once every group has an UP worker, before it turns ready:
 * queries sent through the master's own path so the JIT has compiled it before client traffic
 * arrives ({@link LoopbackWarmUp}).
 *
 * <p>Implementations never block and are thread-safe; {@link #progress()} must report
 * {@code done} at the latest shortly after the warm-up's duration, whatever the workers do.
 */
public interface WarmUp {

    /** Nothing to warm up: done at once. */
    WarmUp NONE = () -> Progress.NONE;

    /** Starts the warm-up on the first call; then tells how far it is. */
    Progress progress();

    /**
     * {@code sent} queries so far; {@code until} when it ends (null when none ran); {@code took}
     * how long it ran, once {@code done}.
     */
    record Progress(boolean done, long sent, Instant until, Duration took) {

        public static final Progress NONE = new Progress(true, 0, null, Duration.ZERO);

        /** Whether a warm-up ran, or runs, at all. */
        public boolean ran() {
            return until != null;
        }
    }
}
