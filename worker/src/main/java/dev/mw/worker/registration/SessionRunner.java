package dev.mw.worker.registration;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Steps one {@link MasterSession} on a thread of its own, so a master that is down or slow
 * never delays the sessions with the other masters.
 */
final class SessionRunner {

    private static final Logger LOG = Logger.getLogger(SessionRunner.class);
    static final Duration AFTER_UNEXPECTED_ERROR = Duration.ofSeconds(5);

    private final MasterSession session;
    private final MasterClient client;
    private final ScheduledThreadPoolExecutor executor;
    private final Duration afterUnexpectedError;
    private volatile boolean stopping;

    SessionRunner(MasterSession session, MasterClient client, String threadName) {
        this(session, client, threadName, AFTER_UNEXPECTED_ERROR);
    }

    SessionRunner(MasterSession session, MasterClient client, String threadName, Duration afterUnexpectedError) {
        this.session = session;
        this.client = client;
        this.afterUnexpectedError = afterUnexpectedError;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    MasterSession session() {
        return session;
    }

    void start() {
        schedule(Duration.ZERO);
    }

    /**
     * Stops stepping and deregisters. The deregistration queues behind a step already under
     * way, so it can never be overtaken by a registration still in flight.
     */
    CompletableFuture<Void> stop() {
        stopping = true;
        try {
            CompletableFuture<Void> done = CompletableFuture.runAsync(session::deregister, executor);
            executor.shutdown();
            return done;
        } catch (RejectedExecutionException alreadyStopped) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Frees the thread and the client, abandoning any call still under way. */
    void close() {
        executor.shutdownNow();
        client.close();
    }

    private void schedule(Duration delay) {
        if (stopping) {
            return;
        }
        try {
            executor.schedule(this::step, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // stop() shut the executor down between the check and the call: nothing left to do
        }
    }

    private void step() {
        if (stopping) {
            return;
        }
        Duration next;
        try {
            next = session.step();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected error in the session with master %s", session.masterUrl());
            next = afterUnexpectedError;
        }
        schedule(next);
    }
}
