package dev.mw.master.query;

import dev.mw.master.client.CallOutcome;
import dev.mw.master.client.WorkerAnswer;
import dev.mw.master.registry.WorkerInstance;

/** The end of one call to one instance: an answer or a failure. */
record CallResult(WorkerInstance instance, WorkerAnswer answer, Throwable failure) {

    boolean ok() {
        return failure == null;
    }

    /** The worker refused the query (a 4xx): asking another replica would get the same answer. */
    boolean refused() {
        return CallOutcome.of(failure) == CallOutcome.CLIENT_ERROR;
    }
}
