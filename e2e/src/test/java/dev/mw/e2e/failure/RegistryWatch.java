package dev.mw.e2e.failure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mw.e2e.MasterClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls the master's {@code GET /api/workers} in the background while a load runs and remembers,
 * per instance, every state and breaker state it was seen in and the highest ejection count, so
 * a test can tell an instance was taken out of rotation at some point, not only at the end.
 * Thread-safe.
 */
public final class RegistryWatch implements AutoCloseable {

    private static final long EVERY_MS = 200;

    private final MasterClient master;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "registry-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    private final Map<String, Integer> maxEjections = new ConcurrentHashMap<>();
    private volatile JsonNode last;

    private RegistryWatch(MasterClient master) {
        this.master = master;
    }

    public static RegistryWatch start(MasterClient master) {
        RegistryWatch watch = new RegistryWatch(master);
        watch.timer.scheduleWithFixedDelay(watch::poll, 0, EVERY_MS, TimeUnit.MILLISECONDS);
        return watch;
    }

    /** States ({@code UP}, ...) and breaker states ({@code breaker=OPEN}, ...) {@code id} was seen in. */
    public Set<String> seen(String id) {
        return new TreeSet<>(seen.getOrDefault(id, Set.of()));
    }

    public int maxEjections(String id) {
        return maxEjections.getOrDefault(id, 0);
    }

    /** Ejected at least once, or its breaker seen open: the master took it out of rotation. */
    public boolean takenOut(String id) {
        return maxEjections(id) >= 1 || seen(id).contains("breaker=OPEN");
    }

    /** The last registry the watch read. */
    public JsonNode last() {
        return last;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void poll() {
        try {
            JsonNode workers = master.workers();
            last = workers;
            for (JsonNode worker : workers) {
                String id = worker.path("id").asText();
                Set<String> states = seen.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
                states.add(worker.path("state").asText());
                states.add("breaker=" + worker.path("breaker").asText());
                maxEjections.merge(id, worker.path("ejections").asInt(), Math::max);
            }
        } catch (RuntimeException | AssertionError masterAway) {
            // the master may be down or restarting: nothing to record this time
        }
    }
}
