package dev.mw.master.batch;

import dev.mw.common.query.QueryLimits;

/**
 * How the master batches a replica's name queries ({@code mw.batch.*}): whether it does, how many
 * calls it keeps in flight to one replica before further queries wait for the next batch, and how
 * many queries one batch holds at most.
 */
public record BatchPolicy(boolean enabled, int maxInFlight, int maxSize) {

    public static final BatchPolicy OFF = new BatchPolicy(false, 1, 1);

    public BatchPolicy {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("mw.batch.max-in-flight must be at least 1, was " + maxInFlight);
        }
        if (maxSize < 1 || maxSize > QueryLimits.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("mw.batch.max-size must be 1.." + QueryLimits.MAX_BATCH_SIZE
                    + " (the workers' limit), was " + maxSize);
        }
    }
}
