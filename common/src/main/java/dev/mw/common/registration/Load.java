package dev.mw.common.registration;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A worker's load: its {@code /api/records} requests being processed now (a batch is one) and
 * the queries it answered successfully so far (each query of a batch answered with records):
 * {@code {"inFlight": 0, "served": 12}}. The body of
 * {@code PUT /api/workers/{id}/heartbeat} and the worker's answer to {@code GET /api/load}.
 * A field left out of a heartbeat reads as 0; the master rejects negative values.
 */
@RegisterForReflection
public record Load(long inFlight, long served) {
}
