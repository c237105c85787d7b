package dev.mw.common.registration;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The master's answer to a registration and to a heartbeat: how long it keeps the instance
 * without a heartbeat and how often it would like one, in whole seconds:
 * {@code {"id": "worker-am-0", "leaseSeconds": 10, "heartbeatSeconds": 3}}.
 */
@RegisterForReflection
public record Lease(String id, long leaseSeconds, long heartbeatSeconds) {
}
