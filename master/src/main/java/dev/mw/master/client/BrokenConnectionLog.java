package dev.mw.master.client;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One WARN line when a pooled connection to a worker breaks outside any call (a killed worker
 * resets its idle connections), at most one per worker per {@value #QUIET_SECONDS} s. Without a
 * handler of its own, Vert.x logged each such reset at ERROR with a stack trace, a few lines per
 * crash; a call that was in flight fails through its own handler and is judged by the instance's health.
 */
final class BrokenConnectionLog {

    static final long QUIET_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(BrokenConnectionLog.class);

    private final URI worker;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - TimeUnit.SECONDS.toNanos(QUIET_SECONDS));

    BrokenConnectionLog(URI worker) {
        this.worker = worker;
    }

    void broken(Throwable failure) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= TimeUnit.SECONDS.toNanos(QUIET_SECONDS) && lastLogged.compareAndSet(last, now)) {
            LOG.warnf("A connection to the worker at %s broke: %s (more within %d s are not logged)", worker,
                    failure.getMessage(), QUIET_SECONDS);
        }
    }
}
