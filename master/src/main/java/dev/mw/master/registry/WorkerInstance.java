package dev.mw.master.registry;

import dev.mw.common.registration.Registration;
import dev.mw.master.client.WorkerApi;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** One registered worker instance: identity, its REST client, and what the master knows of its health. */
public final class WorkerInstance {

    private final String id;
    private final String group;
    private final URI url;
    private final WorkerApi client;
    private final InstanceLoad load;
    private final OutlierDetector outliers;
    private final InstanceGuard guard;
    private final InstanceCalls calls;
    private volatile Instant lastSeen;
    private volatile Instant leaseExpiry;
    private volatile Instant staleAfter;
    private final Clock clock;

    WorkerInstance(String id, String group, URI url, WorkerApi client, InstanceLoad load, OutlierDetector outliers,
                   InstanceGuard guard, InstanceCalls calls, Clock clock, Instant registeredAt, Instant leaseExpiry) {
        this.clock = clock;
        this.id = id;
        this.group = group;
        this.url = url;
        this.client = client;
        this.load = load;
        this.outliers = outliers;
        this.guard = guard;
        this.calls = calls;
        renew(registeredAt, leaseExpiry); // never without a lease: expiry and the listing read it
    }

    public String id() {
        return id;
    }

    public String group() {
        return group;
    }

    public URI url() {
        return url;
    }

    public WorkerApi client() {
        return client;
    }

    public InstanceLoad load() {
        return load;
    }

    public OutlierDetector outliers() {
        return outliers;
    }

    /** The timers of the calls the master made to this instance. */
    public InstanceCalls calls() {
        return calls;
    }

    public InstanceGuard guard() {
        return guard;
    }

    /**
     * DOWN while ejected or when its heartbeats stopped (two missed: likely gone, its lease will
     * run out); SUSPECT while failing, probed, or its breaker is not closed.
     */
    public InstanceState state() {
        if (stale()) {
            return InstanceState.DOWN;
        }
        InstanceState health = outliers.state();
        if (health == InstanceState.UP && guard.breakerState() != CircuitBreakerState.CLOSED) {
            return InstanceState.SUSPECT;
        }
        return health;
    }

    /** Neither ejected nor behind an open breaker: a call would reach it. */
    public boolean available() {
        return !stale() && !outliers.isEjected() && !guard.rejectsCalls();
    }

    /** No heartbeat for two thirds of the lease: two missed at the suggested interval. */
    public boolean stale() {
        return staleAfter.isBefore(clock.instant());
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    void renew(Instant now, Instant expiry) {
        lastSeen = now;
        leaseExpiry = expiry;
        staleAfter = now.plus(Duration.between(now, expiry).multipliedBy(2).dividedBy(3));
    }

    boolean expiredAt(Instant now) {
        return leaseExpiry.isBefore(now);
    }

    boolean sameAs(Registration registration) {
        return group.equals(registration.group()) && url.toString().equals(registration.url());
    }

    @Override
    public String toString() {
        return id + "(" + group + ", " + url + ")";
    }
}
