package dev.mw.master.registry;

import dev.mw.common.registration.Registration;
import dev.mw.master.batch.BatchMeters;
import dev.mw.master.batch.BatchPolicy;
import dev.mw.master.batch.InstanceBatcher;
import dev.mw.master.client.BatchReply;
import dev.mw.master.client.WorkerAnswer;
import dev.mw.master.client.WorkerApi;
import dev.mw.master.client.WorkerCallException;
import dev.mw.master.client.WorkerQuery;
import dev.mw.master.health.InstanceHealth;
import dev.mw.master.health.InstanceState;
import dev.mw.master.time.Ticker;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One registered worker instance: its identity and lease, how to call it (its name queries through
 * its {@link InstanceBatcher} when batching is on), and its {@link InstanceHealth}.
 */
public final class WorkerInstance {

    private final String id;
    private final String group;
    private final URI url;
    private final WorkerApi client;
    private final InstanceHealth health;
    /** Null when batching is off. */
    private final InstanceBatcher batcher;
    private volatile Instant lastSeen;
    private volatile Instant leaseExpiry;
    private volatile Instant staleAfter;
    private final Clock clock;

    WorkerInstance(String id, String group, URI url, WorkerApi client, InstanceHealth health, Clock clock,
                   Instant registeredAt, Instant leaseExpiry) {
        this(id, group, url, client, health, clock, registeredAt, leaseExpiry, BatchPolicy.OFF, null, Ticker.SYSTEM);
    }

    WorkerInstance(String id, String group, URI url, WorkerApi client, InstanceHealth health, Clock clock,
                   Instant registeredAt, Instant leaseExpiry, BatchPolicy batching, BatchMeters batchMeters,
                   Ticker ticker) {
        this.clock = clock;
        this.id = id;
        this.group = group;
        this.url = url;
        this.client = client;
        this.health = health;
        this.batcher = !batching.enabled() ? null : new InstanceBatcher(new InstanceBatcher.Calls() {
            @Override
            public Uni<WorkerAnswer> one(WorkerQuery query, Duration timeout) {
                return call(query, timeout);
            }

            @Override
            public Uni<BatchReply> batch(List<WorkerQuery> queries, Duration timeout) {
                return health.call(() -> client.batch(queries).onItem().transform(r -> checked(r, queries.size())),
                        timeout);
            }
        }, batching, batchMeters, health.load(), ticker, id);
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
        WorkerQuery query = new WorkerQuery(requestId, name, location, year);
        return batcher != null && name != null ? batcher.records(query, timeout) : call(query, timeout);
    }

    private Uni<WorkerAnswer> call(WorkerQuery q, Duration timeout) {
        return health.call(() -> client.records(q.requestId(), q.name(), q.location(), q.year())
                .onItem().transform(this::ownGroups), timeout);
    }

    private WorkerAnswer ownGroups(WorkerAnswer answer) {
        checkGroup(answer.group());
        return answer;
    }

    private BatchReply checked(BatchReply reply, int queries) {
        checkGroup(reply.group());
        if (reply.parts().size() != queries) {
            throw WorkerCallException.wrongAnswerCount(queries, reply.parts().size());
        }
        return reply;
    }

    private void checkGroup(String answered) {
        if (answered != null && !answered.equals(group)) {
            throw WorkerCallException.wrongGroup(group, answered);
        }
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
