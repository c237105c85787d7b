package dev.mw.worker.query;

/** This worker's load: /api/records requests being processed now and answered successfully so far. */
public record Load(long inFlight, long served) {
}
