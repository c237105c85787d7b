package dev.mw.master.group;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One entry of {@code GET /api/groups}. */
@RegisterForReflection
public record GroupView(String name, String range, int workers, int up) {
}
