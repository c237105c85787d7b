package dev.mw.master.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.client.BatchPart;
import dev.mw.master.client.BatchReply;
import dev.mw.master.client.CallOutcome;
import dev.mw.master.client.WorkerAnswer;
import dev.mw.master.client.WorkerAnswerReader;
import dev.mw.master.client.WorkerCallException;
import dev.mw.master.client.WorkerQuery;
import dev.mw.master.health.InstanceLoad;
import dev.mw.master.support.FakeTicker;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The batcher against scripted calls: what goes out alone, what waits and goes out together, and who gets what. */
class InstanceBatcherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final FakeTicker ticker = new FakeTicker();
    private final InstanceLoad load = new InstanceLoad(ticker, 1);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScriptedCalls calls = new ScriptedCalls();

    private InstanceBatcher batcher(int maxInFlight, int maxSize) {
        return new InstanceBatcher(calls, new BatchPolicy(true, maxInFlight, maxSize), BatchMeters.of(registry, "am"),
                load, ticker, "worker-am-0");
    }

    @Test
    void aQueryOnAnIdleReplicaGoesOutAtOnceAlone() {
        InstanceBatcher batcher = batcher(1, 32);
        UniAssertSubscriber<WorkerAnswer> alice = ask(batcher, "alice");
        assertEquals(1, calls.sent.size());
        assertEquals(List.of("alice"), calls.sent.get(0).names());
        assertTrue(calls.sent.get(0).alone);
        calls.sent.get(0).answerAlone(answer("alice"));
        assertAnswered("alice", alice);
    }

    @Test
    void queriesThatArriveWhileACallIsOutGoTogetherWhenItComesBack() {
        InstanceBatcher batcher = batcher(1, 32);
        UniAssertSubscriber<WorkerAnswer> alice = ask(batcher, "alice");
        UniAssertSubscriber<WorkerAnswer> bill = ask(batcher, "bill");
        UniAssertSubscriber<WorkerAnswer> deep = ask(batcher, "deep");
        UniAssertSubscriber<WorkerAnswer> erin = ask(batcher, "erin");
        assertEquals(1, calls.sent.size(), "the others wait for the call out");
        assertEquals(3, load.pending(), "the waiting queries count as the replica's load");

        calls.sent.get(0).answerAlone(answer("alice"));
        assertEquals(2, calls.sent.size());
        Sent batch = calls.sent.get(1);
        assertEquals(List.of("bill", "deep", "erin"), batch.names());
        assertEquals(0, load.pending());
        batch.answerBatch(BatchPart.answered(answer("bill")), BatchPart.refused(400, "no d names"),
                BatchPart.answered(answer("erin")));

        assertAnswered("alice", alice);
        assertAnswered("bill", bill);
        Throwable refusal = deep.awaitFailure().getFailure();
        assertEquals(CallOutcome.CLIENT_ERROR, ((WorkerCallException) refusal).outcome(), "one refused query fails alone");
        assertAnswered("erin", erin);
        assertEquals(2, registry.find("mw.master.batch.queries").summary().count());
        assertEquals(4, registry.find("mw.master.batch.queries").summary().totalAmount());
    }

    @Test
    void identicalQueriesShareOneQuestionEachWithItsOwnAnswer() {
        InstanceBatcher batcher = batcher(1, 32);
        UniAssertSubscriber<WorkerAnswer> first = ask(batcher, "alice");
        UniAssertSubscriber<WorkerAnswer> same = ask(batcher, "alice");
        UniAssertSubscriber<WorkerAnswer> bill = ask(batcher, "bill");
        UniAssertSubscriber<WorkerAnswer> billToo = ask(batcher, "bill");
        calls.sent.get(0).answerAlone(answer("alice"));
        assertEquals(List.of("bill"), calls.sent.get(1).names(), "two identical queries, one question");
        calls.sent.get(1).answerAlone(answer("bill"));
        assertAnswered("alice", first);
        assertAnswered("alice", same);
        assertAnswered("bill", bill);
        assertAnswered("bill", billToo);
        assertEquals(2, registry.find("mw.master.batch.shared").counter().count());

        ask(batcher, "alice");
        assertEquals(3, calls.sent.size(), "an answered question is not joined: the next identical query asks anew");
    }

    @Test
    void aBatchHoldsAtMostMaxSizeQueriesAndAFullOneGoesOutWithoutWaiting() {
        InstanceBatcher batcher = batcher(1, 2);
        ask(batcher, "a0");
        for (String name : List.of("a1", "a2", "a3", "a4", "a5")) {
            ask(batcher, name);
        }
        assertEquals(3, calls.sent.size(), "a0 alone, then each batch as it filled up");
        assertEquals(List.of("a1", "a2"), calls.sent.get(1).names());
        assertEquals(List.of("a3", "a4"), calls.sent.get(2).names());
        calls.sent.get(1).answerBatch(BatchPart.answered(answer("a1")), BatchPart.answered(answer("a2")));
        assertEquals(List.of("a5"), calls.sent.get(3).names(), "a call came back: the one waiting goes");
        assertTrue(calls.sent.get(3).alone);
        calls.sent.get(0).answerAlone(answer("a0"));
        assertEquals(4, calls.sent.size(), "nothing left waiting");
    }

    @Test
    void withTwoCallsAllowedInFlightTheSecondQueryStillGoesOutAtOnce() {
        InstanceBatcher batcher = batcher(2, 32);
        ask(batcher, "alice");
        ask(batcher, "bill");
        ask(batcher, "deep");
        assertEquals(2, calls.sent.size());
        calls.sent.get(1).answerAlone(answer("bill"));
        assertEquals(List.of("deep"), calls.sent.get(2).names());
    }

    @Test
    void aCancelledWaitingQueryLeavesTheQueue() {
        InstanceBatcher batcher = batcher(1, 32);
        ask(batcher, "alice");
        UniAssertSubscriber<WorkerAnswer> bill = ask(batcher, "bill");
        ask(batcher, "deep");
        bill.cancel();
        assertEquals(1, load.pending(), "deep still waits");
        calls.sent.get(0).answerAlone(answer("alice"));
        assertEquals(List.of("deep"), calls.sent.get(1).names());
    }

    @Test
    void aCallNobodyWaitsForAnyMoreIsCancelled() {
        InstanceBatcher batcher = batcher(1, 32);
        UniAssertSubscriber<WorkerAnswer> alice = ask(batcher, "alice");
        UniAssertSubscriber<WorkerAnswer> bill = ask(batcher, "bill");
        UniAssertSubscriber<WorkerAnswer> deep = ask(batcher, "deep");
        calls.sent.get(0).answerAlone(answer("alice"));
        Sent batch = calls.sent.get(1);
        bill.cancel();
        assertTrue(!batch.cancelled.get(), "deep still waits for it");
        deep.cancel();
        assertTrue(batch.cancelled.get());
        UniAssertSubscriber<WorkerAnswer> erin = ask(batcher, "erin");
        assertEquals(3, calls.sent.size(), "the cancelled call freed its slot");
        assertTrue(calls.sent.get(2).alone);
        assertNull(erin.getFailure());
        alice.assertCompleted();
    }

    @Test
    void aFailedBatchFailsItsQueriesOnlyAndTheNextOneGoesOut() {
        InstanceBatcher batcher = batcher(1, 32);
        ask(batcher, "alice");
        UniAssertSubscriber<WorkerAnswer> bill = ask(batcher, "bill");
        UniAssertSubscriber<WorkerAnswer> deep = ask(batcher, "deep");
        calls.sent.get(0).answerAlone(answer("alice"));
        UniAssertSubscriber<WorkerAnswer> erin = ask(batcher, "erin");
        calls.sent.get(1).fail(WorkerCallException.timedOut(TIMEOUT));
        assertInstanceOf(WorkerCallException.class, bill.awaitFailure().getFailure());
        assertInstanceOf(WorkerCallException.class, deep.awaitFailure().getFailure());
        assertEquals(List.of("erin"), calls.sent.get(2).names());
        calls.sent.get(2).answerAlone(answer("erin"));
        assertAnswered("erin", erin);
    }

    @Test
    void aWaitingQueryTimesOutOnItsOwnDeadline() {
        InstanceBatcher batcher = batcher(1, 32);
        ask(batcher, "alice");
        UniAssertSubscriber<WorkerAnswer> bill = batcher.records(query("bill"), Duration.ofMillis(50))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        Throwable failure = bill.awaitFailure(Duration.ofSeconds(5)).getFailure();
        assertEquals(CallOutcome.TIMEOUT, ((WorkerCallException) failure).outcome());
        assertEquals(0, load.pending(), "it left the queue");
    }

    @Test
    void aReplicaWithoutTheBatchEndpointGetsItsQueriesOneByOne() {
        InstanceBatcher batcher = batcher(1, 32);
        ask(batcher, "alice");
        UniAssertSubscriber<WorkerAnswer> bill = ask(batcher, "bill");
        UniAssertSubscriber<WorkerAnswer> deep = ask(batcher, "deep");
        calls.sent.get(0).answerAlone(answer("alice"));
        calls.sent.get(1).fail(notFound());
        assertEquals(List.of("bill"), calls.sent.get(2).names());
        assertEquals(List.of("deep"), calls.sent.get(3).names());
        calls.sent.get(2).answerAlone(answer("bill"));
        calls.sent.get(3).answerAlone(answer("deep"));
        assertAnswered("bill", bill);
        assertAnswered("deep", deep);
        ask(batcher, "erin");
        ask(batcher, "fay");
        assertEquals(6, calls.sent.size(), "from now on nothing waits: each query goes out alone");
    }

    private UniAssertSubscriber<WorkerAnswer> ask(InstanceBatcher batcher, String name) {
        return batcher.records(query(name), TIMEOUT).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    private static WorkerQuery query(String name) {
        return new WorkerQuery("rid-" + name, name, null, null);
    }

    private static void assertAnswered(String name, UniAssertSubscriber<WorkerAnswer> query) {
        String json = query.awaitItem().getItem().records().json();
        assertTrue(json.contains("\"name\":\"" + name + "\""), "answered " + json + ", expected " + name + "'s records");
    }

    /** An answer of one record with the name, enough to tell answers apart. */
    private static WorkerAnswer answer(String name) {
        try {
            String json = "{\"group\":\"am\",\"worker\":\"worker-am-0\",\"records\":[{\"record_id\":1,\"name\":\""
                    + name + "\",\"location\":\"Kansas City\",\"year\":2002}]}";
            return new WorkerAnswerReader(new ObjectMapper()).read(json.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static WorkerCallException notFound() {
        return WorkerCallException.status(404, null);
    }

    /** One call the batcher made, answered by the test. */
    private static final class Sent {
        final List<WorkerQuery> queries;
        final boolean alone;
        final AtomicBoolean cancelled = new AtomicBoolean();
        UniEmitter<Object> emitter;

        Sent(List<WorkerQuery> queries, boolean alone) {
            this.queries = queries;
            this.alone = alone;
        }

        List<String> names() {
            return queries.stream().map(WorkerQuery::name).toList();
        }

        void answerAlone(WorkerAnswer answer) {
            emitter.complete(answer);
        }

        void answerBatch(BatchPart... parts) {
            emitter.complete(new BatchReply("am", "worker-am-0", List.of(parts)));
        }

        void fail(Throwable failure) {
            emitter.fail(failure);
        }
    }

    private static final class ScriptedCalls implements InstanceBatcher.Calls {
        final List<Sent> sent = new ArrayList<>();

        @Override
        public Uni<WorkerAnswer> one(WorkerQuery query, Duration timeout) {
            return this.<WorkerAnswer>call(List.of(query), true);
        }

        @Override
        public Uni<BatchReply> batch(List<WorkerQuery> queries, Duration timeout) {
            return this.<BatchReply>call(queries, false);
        }

        @SuppressWarnings("unchecked")
        private <T> Uni<T> call(List<WorkerQuery> queries, boolean alone) {
            Sent s = new Sent(queries, alone);
            sent.add(s);
            return Uni.createFrom().<T>emitter(e -> {
                s.emitter = (UniEmitter<Object>) e;
                e.onTermination(() -> { });
            }).onCancellation().invoke(() -> s.cancelled.set(true));
        }
    }
}
