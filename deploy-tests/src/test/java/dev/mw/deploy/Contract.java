package dev.mw.deploy;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the services promise (shared/CONTRACT.md): ports, health paths and configuration keys.
 * The chart, the Quarkus-generated manifests and application.properties are checked against it.
 */
final class Contract {

    static final int MASTER_PORT = 8080;
    static final int WORKER_PORT = 8081;

    /** Probe kind -> path. */
    static final Map<String, String> HEALTH = Map.of(
            "startup", "/q/health/started",
            "readiness", "/q/health/ready",
            "liveness", "/q/health/live");

    static final String METRICS = "/q/metrics";

    static final Set<String> MASTER_KEYS = Set.of("mw.groups", "mw.balancer", "mw.worker-timeout", "mw.lease",
            "mw.token", "mw.query-timeout", "mw.hedge-after", "mw.warmup", "mw.warmup.concurrency",
            "mw.batch.enabled", "mw.batch.max-in-flight", "mw.batch.max-size", "mw.worker-http",
            "mw.max-concurrent-queries", "mw.max-answer-size",
            "mw.registry.max-per-group", "mw.registry.rate-limit", "mw.registry.verify-source");

    static final Set<String> WORKER_KEYS = Set.of("mw.group", "mw.id", "mw.master-url", "mw.advertise-url",
            "mw.data-file", "mw.heartbeat", "mw.token", "mw.fault.delay", "mw.fault.error-rate", "mw.range");

    private Contract() {
    }

    /** MicroProfile Config's environment name of a key: {@code mw.fault.error-rate -> MW_FAULT_ERROR_RATE}. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static Set<String> keys(String component) {
        return switch (component) {
            case "master" -> MASTER_KEYS;
            case "worker" -> WORKER_KEYS;
            default -> throw new IllegalArgumentException(component);
        };
    }

    static int port(String component) {
        return component.equals("master") ? MASTER_PORT : WORKER_PORT;
    }
}
