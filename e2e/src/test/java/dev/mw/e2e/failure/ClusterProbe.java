package dev.mw.e2e.failure;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mw.e2e.MasterClient;
import dev.mw.e2e.Poll;
import dev.mw.e2e.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * What the failure scenarios read from the running services besides query answers: the master's
 * registry ({@code GET /api/workers}) and the workers' own load ({@code GET /api/load}). The
 * registry readers tolerate a master that is down and say so instead of failing.
 */
final class ClusterProbe {

    private ClusterProbe() {
    }

    /**
     * Polls {@code /q/health/ready} every 20 ms (finer than {@link ServiceProcess#awaitReady()}) and
     * returns the {@link System#nanoTime()} it first answered 200.
     */
    static long awaitReadyClosely(ServiceProcess service) {
        long deadline = System.nanoTime() + ServiceProcess.READY_TIMEOUT.toNanos();
        while (service.status("/q/health/ready") != 200) {
            if (!service.isAlive() || System.nanoTime() - deadline > 0) {
                fail(service.name() + " not ready; log tail:\n" + service.logTail(30));
            }
            Poll.sleep(Duration.ofMillis(20));
        }
        return System.nanoTime();
    }

    static long upWorkers(MasterClient master) {
        try {
            return master.workersIn("UP");
        } catch (RuntimeException | AssertionError notYet) {
            return -1;
        }
    }

    static Optional<String> state(MasterClient master, String id) {
        try {
            return StreamSupport.stream(master.workers().spliterator(), false)
                    .filter(w -> id.equals(w.path("id").asText()))
                    .map(w -> w.path("state").asText())
                    .findFirst();
        } catch (RuntimeException | AssertionError masterAway) {
            return Optional.empty();
        }
    }

    static String registry(MasterClient master) {
        try {
            return master.workers().toString();
        } catch (RuntimeException | AssertionError e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    /** The master's latency estimate per worker of group am, e.g. {@code worker-am-0=6.1ms}. */
    static String latencies(MasterClient master) {
        List<String> parts = new ArrayList<>();
        for (JsonNode worker : master.workers()) {
            if (worker.path("group").asText().equals("am")) {
                parts.add(worker.path("id").asText() + "=" + String.format("%.1fms", worker.path("latencyMs").asDouble()));
            }
        }
        return String.join(" ", parts);
    }

    /** Each worker's {@code served} count from its own {@code GET /api/load}. */
    static Map<String, Long> served(List<ServiceProcess> workers) {
        Map<String, Long> served = new LinkedHashMap<>();
        for (ServiceProcess worker : workers) {
            JsonNode load = new MasterClient(worker.baseUrl()).get("/api/load").json();
            String id = worker.name().substring(worker.name().lastIndexOf('/') + 1);
            served.put(id, load.path("served").asLong());
        }
        return served;
    }
}
