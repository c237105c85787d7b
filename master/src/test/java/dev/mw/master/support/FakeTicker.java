package dev.mw.master.support;

import dev.mw.master.time.Ticker;
import java.time.Duration;

/** A ticker that moves only when told to. */
public final class FakeTicker implements Ticker {

    private long nanos = 1_000_000_000L;

    @Override
    public synchronized long nanos() {
        return nanos;
    }

    public synchronized void advance(Duration by) {
        nanos += by.toNanos();
    }

    public void advanceMs(double ms) {
        advance(Duration.ofNanos((long) (ms * 1_000_000)));
    }
}
