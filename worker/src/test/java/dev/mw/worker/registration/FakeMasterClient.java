package dev.mw.worker.registration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.mw.common.registration.Lease;
import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;

/** A {@link MasterClient} that answers from a script and records the calls it got. */
class FakeMasterClient implements MasterClient {

    final List<String> calls = new ArrayList<>();
    final List<Load> heartbeats = new ArrayList<>();
    private final Deque<MasterReply> replies = new ArrayDeque<>();
    private MasterReply otherwise = MasterReply.ok(200, null);
    boolean closed;

    FakeMasterClient answer(MasterReply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    FakeMasterClient otherwise(MasterReply reply) {
        otherwise = reply;
        return this;
    }

    @Override
    public String url() {
        return "http://master:8080";
    }

    @Override
    public synchronized MasterReply register(Registration registration) {
        calls.add("register " + registration.id());
        return next();
    }

    @Override
    public synchronized MasterReply heartbeat(String id, Load load) {
        calls.add("heartbeat " + id);
        heartbeats.add(load);
        return next();
    }

    @Override
    public synchronized MasterReply deregister(String id) {
        calls.add("deregister " + id);
        return next();
    }

    @Override
    public void close() {
        closed = true;
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private MasterReply next() {
        return replies.isEmpty() ? otherwise : replies.poll();
    }

    static MasterReply registered(int leaseSeconds, int heartbeatSeconds) {
        return MasterReply.ok(201, new Lease("w1", leaseSeconds, heartbeatSeconds));
    }

    static MasterReply status(int status) {
        return new MasterReply(status, null, "{\"detail\":\"because\"}");
    }

    static MasterReply unreachable() {
        return MasterReply.unreachable("ConnectException: Connection refused");
    }
}
