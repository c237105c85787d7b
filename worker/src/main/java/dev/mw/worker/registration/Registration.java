package dev.mw.worker.registration;

/** Body of {@code POST /api/workers}: who this worker is and where the master can call it. */
public record Registration(String id, String group, String url) {
}
