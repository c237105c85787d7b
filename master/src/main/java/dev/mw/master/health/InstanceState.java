package dev.mw.master.health;

/** How the master sees an instance in {@code GET /api/workers}. */
public enum InstanceState {
    /** Answering. */
    UP,
    /** Failing recently, or back from ejection and being probed. */
    SUSPECT,
    /** Ejected: not picked until its ejection ends (or its whole group looks bad). */
    DOWN
}
