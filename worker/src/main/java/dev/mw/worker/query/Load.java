package dev.mw.worker.query;

/** This worker's load: /api/records requests being processed now and completed so far. */
public record Load(long inFlight, long served) {
}
