package dev.mw.common.registration;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /api/workers}: who the instance is, which group it serves, where to call it:
 * {@code {"id": "worker-am-0", "group": "am", "url": "http://10.1.2.3:8081"}}.
 */
@RegisterForReflection
public record Registration(String id, String group, String url) {
}
