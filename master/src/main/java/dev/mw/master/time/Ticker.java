package dev.mw.master.time;

/** A monotonic nanosecond source, injected so tests of latency and ejection need no sleeping. */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
