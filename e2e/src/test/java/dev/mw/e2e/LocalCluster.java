package dev.mw.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A master plus N workers per group, each a {@link ServiceProcess} on a free loopback port, tuned
 * for fast tests: heartbeat 1 s, lease 3 s, worker timeout 1 s. Workers are named
 * {@code worker-<group>-<i>} and advertise {@code http://127.0.0.1:<port>}.
 *
 * <p>Nothing is started by the constructor; {@link #start()} starts everything at once and waits
 * until it is ready and registered, or tests start single processes in the order they need.
 */
public final class LocalCluster implements AutoCloseable {

    public static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(60);
    /** The master's {@code mw.worker-timeout} in every cluster unless a test overrides it. */
    public static final Duration WORKER_TIMEOUT = Duration.ofSeconds(1);

    private final String label;
    private final ServiceProcess master;
    private final Map<String, List<ServiceProcess>> workers = new LinkedHashMap<>();
    private final MasterClient client;

    private LocalCluster(Builder builder) {
        this.label = builder.label;
        Path masterJar = RepoLayout.masterJar();
        Path workerJar = RepoLayout.workerJar();
        int masterPort = FreePorts.next();
        this.master = new ServiceProcess(label + "/master", masterJar, masterPort, builder.masterProperties());
        this.client = new MasterClient(master.baseUrl());
        for (String group : builder.groups.keySet()) {
            List<ServiceProcess> replicas = new ArrayList<>();
            Iterator<Integer> ports = FreePorts.next(builder.workersPerGroup).iterator();
            for (int i = 0; i < builder.workersPerGroup; i++) {
                String id = workerId(group, i);
                int port = ports.next();
                replicas.add(new ServiceProcess(label + "/" + id, workerJar, port,
                        builder.workerProperties(group, id, port, masterPort)));
            }
            workers.put(group, replicas);
        }
    }

    public static Builder builder(String label) {
        return new Builder(label);
    }

    public static String workerId(String group, int index) {
        return "worker-" + group + "-" + index;
    }

    /**
     * Starts master and workers together, waits until all are ready and every worker is UP, then
     * warms every worker up with direct requests: a cold JVM can take longer than the master's
     * 1 s worker timeout for its first answers, which tests of other behaviour must not see.
     */
    public LocalCluster start() {
        all().forEach(ServiceProcess::start);
        all().forEach(ServiceProcess::awaitReady);
        awaitRegistered(workerCount());
        workers().forEach(LocalCluster::warmUp);
        return this;
    }

    private static final String[] WARM_UP_QUERIES = {"/api/records?name=alice", "/api/records?name=zen",
        "/api/records?location=Kansas%20City", "/api/records?location=New%20York%20City&year=2002", "/api/load"};

    private static void warmUp(ServiceProcess worker) {
        for (int i = 0; i < 40; i++) {
            worker.status(WARM_UP_QUERIES[i % WARM_UP_QUERIES.length]);
        }
    }

    /**
     * Waits until the master lists at least {@code count} workers as {@code UP}; polls
     * {@code GET /api/workers}, tolerating a master that is not up yet.
     */
    public void awaitRegistered(int count) {
        Poll.until(REGISTRATION_TIMEOUT, () -> upWorkers() >= count,
                () -> "expected " + count + " UP workers at " + master + ", registry: " + registry()
                        + "\nmaster log tail:\n" + master.logTail(20));
    }

    public ServiceProcess master() {
        return master;
    }

    public ServiceProcess worker(String group, int index) {
        return workers.get(group).get(index);
    }

    public List<ServiceProcess> workers() {
        return workers.values().stream().flatMap(List::stream).toList();
    }

    public int workerCount() {
        return workers().size();
    }

    public MasterClient client() {
        return client;
    }

    public String label() {
        return label;
    }

    /** Stops every process gracefully (SIGTERM): all workers at once, then the master. */
    @Override
    public void close() {
        workers().forEach(ServiceProcess::terminate);
        workers().forEach(ServiceProcess::close);
        master.close();
    }

    private Stream<ServiceProcess> all() {
        return Stream.concat(Stream.of(master), workers().stream());
    }

    private long upWorkers() {
        try {
            return client.workersIn("UP");
        } catch (RuntimeException | AssertionError notYet) {
            return -1;
        }
    }

    private String registry() {
        try {
            return client.workers().toString();
        } catch (RuntimeException | AssertionError e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    /** Settings of a {@link LocalCluster}; defaults: groups am and nz, two workers each. */
    public static final class Builder {

        private final String label;
        private final Map<String, String> groups = new LinkedHashMap<>();
        private final Map<String, String> masterOverrides = new LinkedHashMap<>();
        private final Map<String, String> workerOverrides = new LinkedHashMap<>();
        private int workersPerGroup = 2;

        private Builder(String label) {
            this.label = label;
            groups.put("am", "a-m");
            groups.put("nz", "n-z");
        }

        public Builder workersPerGroup(int count) {
            this.workersPerGroup = count;
            return this;
        }

        /** Serve only these groups (name to letter range), each with its shipped data file. */
        public Builder groups(Map<String, String> groupRanges) {
            groups.clear();
            groups.putAll(groupRanges);
            return this;
        }

        /** A {@code -D} property for the master, e.g. {@code mw.balancer}. */
        public Builder masterProperty(String key, String value) {
            masterOverrides.put(key, value);
            return this;
        }

        /** A {@code -D} property for every worker, e.g. {@code mw.fault.delay}. */
        public Builder workerProperty(String key, String value) {
            workerOverrides.put(key, value);
            return this;
        }

        public LocalCluster build() {
            return new LocalCluster(this);
        }

        private Map<String, String> masterProperties() {
            Map<String, String> properties = new LinkedHashMap<>();
            StringBuilder declaration = new StringBuilder();
            groups.forEach((name, range) -> declaration.append(declaration.length() == 0 ? "" : ",")
                    .append(name).append('=').append(range));
            properties.put("mw.groups", declaration.toString());
            properties.put("mw.lease", "3s");
            properties.put("mw.worker-timeout", WORKER_TIMEOUT.toSeconds() + "s");
            properties.putAll(masterOverrides);
            return properties;
        }

        private Map<String, String> workerProperties(String group, String id, int port, int masterPort) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("mw.group", group);
            properties.put("mw.id", id);
            properties.put("mw.master-url", "http://127.0.0.1:" + masterPort);
            properties.put("mw.advertise-url", "http://127.0.0.1:" + port);
            properties.put("mw.data-file", RepoLayout.dataFile(group).toString());
            properties.put("mw.heartbeat", "1s");
            properties.putAll(workerOverrides);
            return properties;
        }
    }
}
