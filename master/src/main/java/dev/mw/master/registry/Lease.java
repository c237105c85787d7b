package dev.mw.master.registry;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer to a registration: how long it holds and how often the master would like heartbeats. */
@RegisterForReflection
public record Lease(String id, long leaseSeconds, long heartbeatSeconds) {
}
