package dev.mw.master.health;

import dev.mw.master.client.WorkerCallException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Gives one guarded call up from outside its guard. Cancelling the guard's own Uni does not
 * reach the call inside it (SmallRye Fault Tolerance runs the call as a future of its own), so
 * the call inside races a signal instead: {@link #cancel()} fails it with a
 * {@link dev.mw.master.client.CallOutcome#CANCELLED CANCELLED} failure, the race cancels the
 * client's Uni, which resets its request and so frees the connection, and the guard sees the
 * call end and frees its bulkhead slot.
 */
final class CallCancellation<T> {

    private volatile UniEmitter<? super T> signal;
    private volatile boolean cancelled;

    Uni<T> cancellable(Uni<T> call) {
        Uni<T> signalled = Uni.createFrom().emitter(emitter -> {
            signal = emitter;
            if (cancelled) {
                emitter.fail(WorkerCallException.cancelled());
            }
        });
        return Uni.join().first(call, signalled).toTerminate();
    }

    void cancel() {
        cancelled = true;
        UniEmitter<? super T> emitter = signal;
        if (emitter != null) {
            emitter.fail(WorkerCallException.cancelled());
        }
    }
}
