package dev.mw.master.registry;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /api/workers}: who the instance is, which group it serves, where to call it. */
@RegisterForReflection
public record Registration(String id, String group, String url) {
}
