package dev.mw.worker.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.mw.common.registration.Lease;
import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;

/**
 * This worker's standing at one master, as a state machine driven by {@link #step()}: register
 * (retrying with backoff), then heartbeat; a master that forgot us, or heartbeats failing past
 * the lease, send it back to registering. Each state change is logged once; a problem that
 * repeats is logged only when it first appears.
 * Not thread-safe: one thread steps it, others may only read {@link #state()}.
 */
final class MasterSession {

    enum State { REGISTERING, REGISTERED, DEREGISTERED }

    private static final Logger LOG = Logger.getLogger(MasterSession.class);

    private final MasterClient master;
    private final Registration registration;
    private final Supplier<Load> load;
    private final Backoff backoff;
    private final Duration configuredHeartbeat;
    private final Clock clock;

    private volatile State state = State.REGISTERING;
    private boolean everRegistered;
    private int failedAttempts;
    private String lastProblem;
    private Duration heartbeat;
    private Duration lease;
    private Instant lastAccepted;

    MasterSession(MasterClient master, Registration registration, Supplier<Load> load,
            Backoff backoff, Duration heartbeat, Clock clock) {
        this.master = master;
        this.registration = registration;
        this.load = load;
        this.backoff = backoff;
        this.configuredHeartbeat = heartbeat;
        this.clock = clock;
    }

    State state() {
        return state;
    }

    String masterUrl() {
        return master.url();
    }

    /** Makes the one call the current state needs and returns how long to wait before the next step. */
    Duration step() {
        return switch (state) {
            case REGISTERING -> register();
            case REGISTERED -> heartbeat();
            case DEREGISTERED -> throw new IllegalStateException("session at " + master.url() + " is over");
        };
    }

    /** Ends the session; tells the master we are leaving if it ever knew us. */
    void deregister() {
        boolean known = everRegistered;
        state = State.DEREGISTERED;
        if (!known) {
            return;
        }
        MasterReply reply = master.deregister(registration.id());
        if (reply.isSuccess()) {
            LOG.infof("Deregistered %s from master %s", registration.id(), master.url());
        } else {
            LOG.warnf("Could not deregister %s from master %s (%s); its lease will expire",
                    registration.id(), master.url(), reply.describe());
        }
    }

    private Duration register() {
        MasterReply reply = master.register(registration);
        if (reply.isSuccess()) {
            return registered(reply.lease());
        }
        failedAttempts++;
        if (reply.isClientError()) {
            logOnce(reply.describe(), "Master %s refused to register %s: %s. Retrying every %s.",
                    master.url(), registration.id(), reply.describe(), Durations.format(backoff.cap()));
            return backoff.cap();
        }
        logOnce(reply.status() == MasterReply.UNREACHABLE ? "unreachable" : reply.describe(),
                "Cannot register %s at master %s yet: %s. Retrying with backoff.",
                registration.id(), master.url(), reply.describe());
        return backoff.delay(failedAttempts - 1);
    }

    private Duration registered(Lease granted) {
        LeaseTerms terms = new LeaseTerms(granted);
        heartbeat = terms.heartbeatInterval(configuredHeartbeat);
        lease = terms.duration(heartbeat);
        lastAccepted = clock.instant();
        failedAttempts = 0;
        lastProblem = null;
        LOG.infof("%s %s (group %s, %s) at master %s; heartbeat every %s, lease %s",
                everRegistered ? "Registered again" : "Registered", registration.id(), registration.group(),
                registration.url(), master.url(), Durations.format(heartbeat), Durations.format(lease));
        everRegistered = true;
        state = State.REGISTERED;
        return heartbeat;
    }

    private Duration heartbeat() {
        MasterReply reply = master.heartbeat(registration.id(), load.get());
        if (reply.isSuccess()) {
            lastAccepted = clock.instant();
            if (lastProblem != null) {
                LOG.infof("Heartbeats of %s to master %s are accepted again", registration.id(), master.url());
                lastProblem = null;
            }
            return heartbeat;
        }
        if (reply.status() == 404) {
            LOG.infof("Master %s no longer knows %s (it may have restarted); registering again",
                    master.url(), registration.id());
            return backToRegistering(Duration.ZERO);
        }
        if (!clock.instant().isBefore(lastAccepted.plus(lease))) {
            LOG.warnf("Lost registration of %s at master %s: no heartbeat accepted for %s (%s); registering again",
                    registration.id(), master.url(), Durations.format(lease), reply.describe());
            return backToRegistering(backoff.delay(0));
        }
        logOnce(reply.describe(), "Heartbeat of %s to master %s failed: %s. Retrying.",
                registration.id(), master.url(), reply.describe());
        return heartbeat;
    }

    private Duration backToRegistering(Duration delay) {
        state = State.REGISTERING;
        failedAttempts = 0;
        lastProblem = null;
        return delay;
    }

    /** Logs a warning unless the same problem was the last one logged. */
    private void logOnce(String problem, String format, Object... args) {
        if (!problem.equals(lastProblem)) {
            LOG.warnf(format, args);
            lastProblem = problem;
        }
    }
}
