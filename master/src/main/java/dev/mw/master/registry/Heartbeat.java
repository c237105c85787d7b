package dev.mw.master.registry;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code PUT /api/workers/{id}/heartbeat}: the load the instance reports. */
@RegisterForReflection
public record Heartbeat(Integer inFlight, Long served) {
}
