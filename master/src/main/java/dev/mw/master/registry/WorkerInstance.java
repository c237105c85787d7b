package dev.mw.master.registry;

import dev.mw.common.registration.Registration;
import dev.mw.master.client.WorkerAnswer;
import dev.mw.master.client.WorkerApi;
import dev.mw.master.client.WorkerCallException;
import dev.mw.master.health.InstanceHealth;
import dev.mw.master.health.InstanceState;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** One registered worker instance: its identity and lease, how to call it, and its {@link InstanceHealth}. */
public final class WorkerInstance {

    private final String id;
    private final String group;
    private final URI url;
    private final WorkerApi client;
    private final InstanceHealth health;
    private volatile Instant lastSeen;
    private volatile Instant leaseExpiry;
    private volatile Instant staleAfter;
    private final Clock clock;

    WorkerInstance(String id, String group, URI url, WorkerApi client, InstanceHealth health, Clock clock,
                   Instant registeredAt, Instant leaseExpiry) {
        this.clock = clock;
        this.id = id;
        this.group = group;
        this.url = url;
        this.client = client;
        this.health = health;
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

    public InstanceHealth health() {
        return health;
    }

    /**
     * Asks this instance for records, through its guard and bounded by {@code timeout}; its health
     * learns how the call ended. Cancelling the Uni gives the call and its connection up.
     */
    public Uni<WorkerAnswer> records(String requestId, String name, String location, Integer year, Duration timeout) {
        return health.call(() -> client.records(requestId, name, location, year).onItem().transform(this::ownGroups),
                timeout);
    }

    private WorkerAnswer ownGroups(WorkerAnswer answer) {
        if (answer.group() != null && !answer.group().equals(group)) {
            throw WorkerCallException.wrongGroup(group, answer.group());
        }
        return answer;
    }

    /**
     * DOWN when its heartbeats stopped (two missed: likely gone, its lease will run out), else
     * what its {@link InstanceHealth#state() health} says.
     */
    public InstanceState state() {
        return stale() ? InstanceState.DOWN : health.state();
    }

    /** Heartbeats arriving, neither ejected nor behind an open breaker: a call would reach it. */
    public boolean available() {
        return !stale() && health.available();
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
