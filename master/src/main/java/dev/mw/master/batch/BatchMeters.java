package dev.mw.master.batch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** A group's batching meters: queries per worker call, and queries answered by an identical query's call. */
public record BatchMeters(DistributionSummary queriesPerCall, Counter shared) {

    public static BatchMeters of(MeterRegistry meters, String group) {
        return new BatchMeters(
                DistributionSummary.builder("mw.master.batch.queries").tag("group", group)
                        .description("name queries per answered call to a worker (1: sent alone)").register(meters),
                Counter.builder("mw.master.batch.shared").tag("group", group)
                        .description("name queries answered by the call of an identical query in flight").register(meters));
    }
}
