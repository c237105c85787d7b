package dev.mw.master.registry;

import dev.mw.common.registration.Lease;
import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;
import dev.mw.master.batch.BatchMeters;
import dev.mw.master.batch.BatchPolicy;
import dev.mw.master.client.WorkerClientFactory;
import dev.mw.master.group.GroupSpec;
import dev.mw.master.group.ShardRouter;
import dev.mw.master.health.InstanceGuard;
import dev.mw.master.health.InstanceHealth;
import dev.mw.master.health.InstanceLoad;
import dev.mw.master.health.OutlierDetector;
import dev.mw.master.problem.ProblemException;
import dev.mw.master.time.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The instances that registered, by id, with leases that expire without heartbeats (Eureka's
 * model). Hand-written: the registry decides where traffic goes.
 *
 * <p>Concurrency: every mutation ({@link #register}, {@link #heartbeat}, {@link #remove},
 * {@link #expire}) holds the registry's monitor, so one sees the registry before or after another,
 * never halfway. An instance is published fully built (its lease set) and its gauges are added and
 * removed in the same critical section as its map entry: whoever holds the monitor sees every
 * instance with its gauges and no gauge without its instance. Reads ({@link #instances},
 * {@link #all}) take an immutable snapshot and never block, so the query path does not wait for
 * a registration.
 */
// made at startup, so a bad setting stops the master there, not at the first query or registration
@Startup
@ApplicationScoped
public class WorkerRegistry {

    /** Outcome of {@link #register}: {@code created} is false for a renewal. */
    public record Registered(boolean created, Lease lease) {
    }

    private final ShardRouter router;
    private final RegistrationValidator validator;
    private final WorkerClientFactory clients;
    private final Clock clock;
    private final Ticker ticker;
    private final Duration lease;
    private final int maxPerGroup;
    private final OutlierDetector.Policy outlierPolicy;
    private final InstanceGuard.Policy guardPolicy;
    private final InstanceMeters meters;
    private final MeterRegistry meterRegistry;
    private final BatchPolicy batching;
    /** Guarded by {@code this}; the query path reads {@link #byGroup} instead. */
    private final Map<String, WorkerInstance> instances = new HashMap<>();
    /** Immutable, replaced whole under the lock after every change of {@link #instances}. */
    private volatile Map<String, List<WorkerInstance>> byGroup = Map.of();

    @Inject
    public WorkerRegistry(ShardRouter router, WorkerClientFactory clients, Clock clock, Ticker ticker,
                          MeterRegistry meters, @ConfigProperty(name = "mw.lease", defaultValue = "10s") Duration lease,
                          @ConfigProperty(name = "mw.registry.max-per-group", defaultValue = "64") int maxPerGroup,
                          @ConfigProperty(name = "mw.batch.enabled", defaultValue = "true") boolean batch,
                          @ConfigProperty(name = "mw.batch.max-in-flight", defaultValue = "1") int batchMaxInFlight,
                          @ConfigProperty(name = "mw.batch.max-size", defaultValue = "32") int batchMaxSize) {
        this(router, clients, clock, ticker, meters, lease, maxPerGroup, OutlierDetector.Policy.DEFAULT,
                InstanceGuard.Policy.DEFAULT, new BatchPolicy(batch, batchMaxInFlight, batchMaxSize));
    }

    public WorkerRegistry(ShardRouter router, WorkerClientFactory clients, Clock clock, Ticker ticker,
                          MeterRegistry meters, Duration lease, int maxPerGroup, OutlierDetector.Policy outlierPolicy,
                          InstanceGuard.Policy guardPolicy) {
        this(router, clients, clock, ticker, meters, lease, maxPerGroup, outlierPolicy, guardPolicy, BatchPolicy.OFF);
    }

    public WorkerRegistry(ShardRouter router, WorkerClientFactory clients, Clock clock, Ticker ticker,
                          MeterRegistry meters, Duration lease, int maxPerGroup, OutlierDetector.Policy outlierPolicy,
                          InstanceGuard.Policy guardPolicy, BatchPolicy batching) {
        if (lease.toMillis() < 1000) {
            throw new IllegalArgumentException("mw.lease must be at least 1s, was " + lease);
        }
        this.router = router;
        this.validator = new RegistrationValidator(router);
        this.clients = clients;
        this.clock = clock;
        this.ticker = ticker;
        this.lease = lease;
        this.maxPerGroup = maxPerGroup;
        this.outlierPolicy = outlierPolicy;
        this.guardPolicy = guardPolicy;
        this.meters = new InstanceMeters(meters);
        this.meterRegistry = meters;
        this.batching = batching;
    }

    /** @return the registration's base URL; a 400 problem naming the field when it is not valid */
    public URI validate(Registration registration) {
        return validator.validate(registration);
    }

    /** Registers or renews an instance; a renewal with a new URL or group replaces it. */
    public synchronized Registered register(Registration registration) {
        URI url = validator.validate(registration);
        checkRoom(registration);
        Instant now = clock.instant();
        WorkerInstance existing = instances.get(registration.id());
        if (existing != null && existing.sameAs(registration)) {
            existing.health().restarted(); // a worker registers when it (re)starts
            existing.renew(now, now.plus(lease));
            return new Registered(false, lease(existing.id()));
        }
        WorkerInstance created = newInstance(registration, url, now);
        if (existing != null) {
            // the replaced instance's meters go first: the new ones have the same tags, and
            // registering them first would hand back the old meters, removed a moment later
            closeQuietly(existing);
        }
        publish(created); // replaces the map entry: the group view goes from the old to the new at once
        Log.infof("Registered %s%s", created, existing == null ? "" : " (replacing " + existing + ")");
        return new Registered(existing == null, lease(created.id()));
    }

    /** A new id may not push its group past {@code mw.registry.max-per-group}. */
    private void checkRoom(Registration registration) {
        WorkerInstance existing = instances.get(registration.id());
        boolean joins = existing == null || !existing.group().equals(registration.group());
        if (joins && instances(registration.group()).size() >= maxPerGroup) {
            throw new ProblemException(409, "Group full", "group '" + registration.group() + "' already has "
                    + maxPerGroup + " instances (mw.registry.max-per-group)");
        }
    }

    /** Fully built, its first lease included, before anyone else can see it. */
    private WorkerInstance newInstance(Registration registration, URI url, Instant now) {
        InstanceHealth health = new InstanceHealth(ticker,
                new InstanceLoad(ticker, slowStartLatency(registration.group())),
                new OutlierDetector(ticker, outlierPolicy),
                new InstanceGuard(ticker, guardPolicy, "worker " + registration.id()),
                meters.calls(registration.group(), registration.id()));
        return new WorkerInstance(registration.id(), registration.group(), url, clients.create(url), health, clock,
                now, now.plus(lease), batching, BatchMeters.of(meterRegistry, registration.group()), ticker);
    }

    /** Map entry (new or replacing one of the same id), gauges and group view together, under the lock. */
    private void publish(WorkerInstance instance) {
        instances.put(instance.id(), instance);
        meters.add(instance);
        rebuildGroups();
    }

    /** The reverse of {@link #publish}: map entry, gauges, timers, client and group view go together. */
    private void unpublish(WorkerInstance instance) {
        instances.remove(instance.id());
        closeQuietly(instance);
        rebuildGroups();
    }

    /** A newcomer starts as slow as the slowest peer so a cold JVM is not flooded (slow start). */
    private double slowStartLatency(String group) {
        return instances(group).stream().mapToDouble(i -> i.health().load().latencyMs()).max().orElse(0) * 2;
    }

    /**
     * Renews the lease and takes the load the instance reports; no body, or a field left out,
     * counts as 0.
     *
     * @return false when the id is unknown: the instance should register again
     */
    public synchronized boolean heartbeat(String id, Load load) {
        long inFlight = load == null ? 0 : load.inFlight();
        long served = load == null ? 0 : load.served();
        if (inFlight < 0 || served < 0) {
            throw ProblemException.badRequest("\"inFlight\" and \"served\" must not be negative");
        }
        if (inFlight > Integer.MAX_VALUE) {
            throw ProblemException.badRequest("\"inFlight\" must be at most " + Integer.MAX_VALUE + ", was " + inFlight);
        }
        WorkerInstance instance = instances.get(id);
        if (instance == null) {
            return false;
        }
        Instant now = clock.instant();
        instance.renew(now, now.plus(lease));
        instance.health().load().report((int) inFlight, served);
        return true;
    }

    public synchronized void remove(String id) {
        WorkerInstance removed = instances.get(id);
        if (removed != null) {
            unpublish(removed);
            Log.infof("Deregistered %s", removed);
        }
    }

    /** Drops every instance whose lease ran out; called periodically by {@link LeaseReaper}. */
    public synchronized int expire() {
        Instant now = clock.instant();
        List<WorkerInstance> expired = instances.values().stream().filter(i -> i.expiredAt(now)).toList();
        for (WorkerInstance instance : expired) {
            unpublish(instance);
            Log.warnf("Lease of %s expired without a heartbeat; removed", instance);
        }
        return expired.size();
    }

    /** The live instances of one group, ordered by id. */
    public List<WorkerInstance> instances(String group) {
        return byGroup.getOrDefault(group, List.of());
    }

    /** Every instance, in group order then by id. */
    public List<WorkerInstance> all() {
        List<WorkerInstance> all = new ArrayList<>();
        for (GroupSpec group : router.groups()) {
            all.addAll(instances(group.name()));
        }
        return all;
    }

    public Lease lease(String id) {
        return new Lease(id, lease.toSeconds(), Math.max(1, lease.toSeconds() / 3));
    }

    private void rebuildGroups() {
        Map<String, List<WorkerInstance>> groups = new HashMap<>();
        instances.values().stream()
                .sorted(Comparator.comparing(WorkerInstance::id))
                .forEach(i -> groups.computeIfAbsent(i.group(), g -> new ArrayList<>()).add(i));
        groups.replaceAll((g, list) -> List.copyOf(list));
        byGroup = Map.copyOf(groups);
    }

    private void closeQuietly(WorkerInstance instance) {
        if (instance == null) {
            return;
        }
        meters.remove(instance);
        try {
            instance.client().close();
        } catch (RuntimeException e) {
            Log.debugf(e, "Closing the client of %s", instance);
        }
    }
}
