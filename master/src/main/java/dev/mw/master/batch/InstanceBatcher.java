package dev.mw.master.batch;

import dev.mw.master.client.BatchPart;
import dev.mw.master.client.BatchReply;
import dev.mw.master.client.CallOutcome;
import dev.mw.master.client.WorkerAnswer;
import dev.mw.master.client.WorkerCallException;
import dev.mw.master.client.WorkerQuery;
import dev.mw.master.health.InstanceLoad;
import dev.mw.master.time.Ticker;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One replica's name queries, sent as few exchanges as the load allows. While fewer than
 * {@code maxInFlight} calls are out to the replica a query goes out at once, alone, so an idle
 * system adds no latency; beyond that it waits, and when a call comes back every query that
 * waited (up to {@code maxSize}) goes out as one batch. A batch that fills up ({@code maxSize}
 * queries waiting) does not wait for a call to come back: it goes out at once, beside the others.
 * A query identical to one still unanswered (queued or in flight) shares that query's call. Each
 * query keeps its own timeout and may leave (a lost hedge, a client gone) without disturbing the
 * others; a call nobody waits for any more is cancelled. The replica's health sees each call as one call: a batch is one outcome and one
 * latency sample, and the queries waiting here count in its {@link InstanceLoad#pending() load}.
 *
 * <p>Hand-written: this is the routing core, and what an exchange costs is what it saves.
 * Thread-safe: queries arrive from every event loop; the state below is guarded by {@code lock}
 * and no call is made while holding it.
 */
public final class InstanceBatcher {

    /** How the batcher reaches the replica, through its guard and health. */
    public interface Calls {
        Uni<WorkerAnswer> one(WorkerQuery query, Duration timeout);

        Uni<BatchReply> batch(List<WorkerQuery> queries, Duration timeout);
    }

    private final Calls calls;
    private final BatchPolicy policy;
    private final BatchMeters meters;
    private final InstanceLoad load;
    private final Ticker ticker;
    private final String instance;

    private final Object lock = new Object();
    private int inFlight;
    private final ArrayDeque<Question> queue = new ArrayDeque<>();
    /** Questions not answered yet, queued or in flight, by their filters: where an identical query joins. */
    private final Map<WorkerQuery, Question> open = new HashMap<>();
    private volatile boolean batchesRefused;

    public InstanceBatcher(Calls calls, BatchPolicy policy, BatchMeters meters, InstanceLoad load, Ticker ticker,
                           String instance) {
        this.calls = calls;
        this.policy = policy;
        this.meters = meters;
        this.load = load;
        this.ticker = ticker;
        this.instance = instance;
    }

    /** The query's answer from this replica, within {@code timeout}; cancelling it leaves its batch. */
    public Uni<WorkerAnswer> records(WorkerQuery query, Duration timeout) {
        if (batchesRefused) {
            return calls.one(query, timeout).onItem().invoke(() -> meters.queriesPerCall().record(1));
        }
        return Uni.createFrom().emitter(emitter -> submit(new Waiter(emitter, timeout), query));
    }

    private void submit(Waiter waiter, WorkerQuery query) {
        Question alone = null;
        NextCall full = null;
        boolean joined = false;
        synchronized (lock) {
            Question same = open.get(query.filters());
            if (same != null) {
                same.waiters.add(waiter);
                waiter.question = same;
                joined = true;
            } else {
                Question question = new Question(query);
                question.waiters.add(waiter);
                waiter.question = question;
                open.put(question.key, question);
                if (inFlight < policy.maxInFlight()) {
                    inFlight++;
                    alone = question;
                } else {
                    queue.add(question);
                    load.waiting(1);
                    if (queue.size() >= policy.maxSize()) {
                        full = nextBatch(); // a full batch gains nothing by waiting: it goes out beside the others
                    }
                }
            }
        }
        if (joined) {
            meters.shared().increment();
        }
        if (alone != null) {
            send(List.of(alone), waiter.timeout); // its call's timeout is its own: no timer of its own
            return;
        }
        waiter.startTimer(); // it waits for a call made for others: its own deadline still holds
        if (full != null) {
            send(full.questions(), full.timeout());
        }
    }

    /** One call for the questions, bounded by the latest deadline among their queries. */
    private void send(List<Question> questions, Duration timeout) {
        Exchange exchange = new Exchange(questions);
        Uni<?> call = questions.size() == 1
                ? calls.one(questions.get(0).query, timeout).onItem().invoke(exchange::answered)
                : calls.batch(questions.stream().map(q -> q.query).toList(), timeout).onItem().invoke(exchange::answered);
        exchange.subscription = call.subscribe().with(item -> exchange.end(), exchange::failed);
    }

    /** The questions of a call about to go out, and its timeout. */
    private record NextCall(List<Question> questions, Duration timeout) {
    }

    /**
     * The queries that waited while the replica was busy (at most {@code maxSize}), as the next call
     * on a slot taken now; null when none waited. Called under {@code lock}.
     */
    private NextCall nextBatch() {
        if (queue.isEmpty()) {
            return null;
        }
        List<Question> next = new ArrayList<>(Math.min(queue.size(), policy.maxSize()));
        while (!queue.isEmpty() && next.size() < policy.maxSize()) {
            next.add(queue.poll());
        }
        load.waiting(-next.size());
        inFlight++;
        return new NextCall(next, timeoutOf(next));
    }

    /** The latest deadline among the questions' waiting queries, as a timeout from now. */
    private Duration timeoutOf(List<Question> questions) {
        long now = ticker.nanos();
        long latest = now;
        for (Question question : questions) {
            for (Waiter waiter : question.waiters) {
                latest = Math.max(latest, waiter.deadline);
            }
        }
        return Duration.ofNanos(Math.max(latest - now, 1_000_000));
    }

    /** A call came back, however it ended: the next batch goes out on the freed slot. */
    private void callEnded() {
        NextCall next;
        synchronized (lock) {
            inFlight--;
            next = nextBatch();
        }
        if (next != null) {
            send(next.questions(), next.timeout());
        }
    }

    /** One call out to the replica: the questions it carries. */
    private final class Exchange {

        private final List<Question> questions;
        private volatile Cancellable subscription;
        private final AtomicBoolean over = new AtomicBoolean();

        Exchange(List<Question> questions) {
            this.questions = questions;
            questions.forEach(q -> q.exchange = this);
        }

        void answered(Object item) {
            meters.queriesPerCall().record(questions.size());
            if (item instanceof WorkerAnswer answer) {
                questions.get(0).answer(answer, null);
                return;
            }
            List<BatchPart> parts = ((BatchReply) item).parts();
            for (int i = 0; i < questions.size(); i++) {
                BatchPart part = parts.get(i);
                questions.get(i).answer(part.answer(), part.refusal());
            }
        }

        void failed(Throwable failure) {
            if (questions.size() > 1 && refusesBatches(failure)) {
                batchesRefused = true;
                Log.warnf("Worker %s has no batch endpoint (an older version?): its name queries go out one by one (%s)",
                        instance, failure.getMessage());
                end();
                questions.forEach(Question::resendAlone);
                return;
            }
            questions.forEach(q -> q.answer(null, failure));
            end();
        }

        void end() {
            if (over.compareAndSet(false, true)) {
                callEnded();
            }
        }

        /** Every query of every question left (cancelled): nobody wants the answer. */
        boolean abandoned() {
            return questions.stream().allMatch(q -> q.waiters.isEmpty());
        }

        void cancel() {
            Cancellable s = subscription;
            if (s != null) {
                s.cancel();
            }
            end();
        }
    }

    /** A 404 or 405 to the batch endpoint: a worker that predates it. */
    private static boolean refusesBatches(Throwable failure) {
        return failure instanceof WorkerCallException call && call.outcome() == CallOutcome.CLIENT_ERROR
                && (call.status() == 404 || call.status() == 405);
    }

    /** One set of filters asked of the replica, and the queries waiting for its answer. */
    private final class Question {

        final WorkerQuery query;
        final WorkerQuery key;
        /** Guarded by {@code lock}. */
        final List<Waiter> waiters = new ArrayList<>(1);
        volatile Exchange exchange;

        Question(WorkerQuery query) {
            this.query = query;
            this.key = query.filters();
        }

        /** Answers every query waiting for it; from now on an identical query asks anew. */
        void answer(WorkerAnswer answer, Throwable failure) {
            close().forEach(w -> w.end(answer, failure));
        }

        /** The replica refused batches: each waiting query asks on its own. */
        void resendAlone() {
            for (Waiter waiter : close()) {
                waiter.follow(calls.one(query, waiter.remaining()).onItem().invoke(() -> meters.queriesPerCall().record(1)));
            }
        }

        /** No longer open to identical queries; the queries that waited for it, taken out. */
        private List<Waiter> close() {
            synchronized (lock) {
                open.remove(key, this);
                List<Waiter> waiting = List.copyOf(waiters);
                waiters.clear();
                return waiting;
            }
        }
    }

    /** One query waiting for its question's answer, on its own Vert.x context and deadline. */
    private final class Waiter {

        final UniEmitter<? super WorkerAnswer> emitter;
        final Duration timeout;
        final long deadline;
        /** The event loop the query came from: its answer is delivered there, as without batching. */
        final Context context = Vertx.currentContext();
        final AtomicBoolean done = new AtomicBoolean();
        volatile Question question;
        volatile Cancellable timer;
        volatile Cancellable followed;

        Waiter(UniEmitter<? super WorkerAnswer> emitter, Duration timeout) {
            this.emitter = emitter;
            this.timeout = timeout;
            this.deadline = ticker.nanos() + timeout.toNanos();
            emitter.onTermination(this::terminated);
        }

        void startTimer() {
            timer = Uni.createFrom().voidItem().onItem().delayIt().by(remaining())
                    .subscribe().with(x -> timedOut());
        }

        Duration remaining() {
            return Duration.ofNanos(Math.max(deadline - ticker.nanos(), 1_000_000));
        }

        /** Its own deadline passed: it fails as a timeout and leaves; the call goes on for the others. */
        private void timedOut() {
            leave(false);
            end(null, WorkerCallException.timedOut(timeout));
        }

        void end(WorkerAnswer answer, Throwable failure) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
            if (context == null || Vertx.currentContext() == context) {
                deliver(answer, failure);
            } else {
                context.runOnContext(v -> deliver(answer, failure));
            }
        }

        private void deliver(WorkerAnswer answer, Throwable failure) {
            if (failure != null) {
                emitter.fail(failure);
            } else {
                emitter.complete(answer);
            }
        }

        void follow(Uni<WorkerAnswer> alone) {
            followed = alone.subscribe().with(a -> end(a, null), f -> end(null, f));
        }

        /** The emitter ended: answered by us, or cancelled by the query (a lost hedge, a client gone). */
        private void terminated() {
            if (done.compareAndSet(false, true)) {
                Cancellable t = timer;
                if (t != null) {
                    t.cancel();
                }
                Cancellable f = followed;
                if (f != null) {
                    f.cancel();
                }
                leave(true);
            }
        }

        /**
         * Out of its question. A question nobody waits for leaves the queue; a call nobody waits
         * for is cancelled when the last query left by cancellation (one that timed out leaves
         * the call to time out itself, so the replica's health learns of the timeout).
         */
        private void leave(boolean cancelled) {
            Question q = question;
            Exchange toCancel = null;
            synchronized (lock) {
                if (q == null || !q.waiters.remove(this) || !q.waiters.isEmpty()) {
                    return;
                }
                open.remove(q.key, q);
                if (q.exchange == null) {
                    if (queue.remove(q)) {
                        load.waiting(-1);
                    }
                } else if (cancelled && q.exchange.abandoned()) {
                    toCancel = q.exchange;
                }
            }
            if (toCancel != null) {
                toCancel.cancel();
            }
        }
    }
}
