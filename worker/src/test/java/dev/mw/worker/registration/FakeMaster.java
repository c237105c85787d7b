package dev.mw.worker.registration;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;

/** What the fake master of the tests was told, and how it should answer next. */
@ApplicationScoped
public class FakeMaster {

    static final String TOKEN = "test-secret";

    record Call(String method, String id, String authorization, Object body) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Set<String> known = ConcurrentHashMap.newKeySet();
    volatile boolean forgetAtNextHeartbeat;

    void record(String method, String id, String authorization, Object body) {
        calls.add(new Call(method, id, authorization, body));
    }

    List<Call> callsOf(String id) {
        return calls.stream().filter(c -> c.id().equals(id)).toList();
    }

    List<Registration> registrationsOf(String id) {
        return callsOf(id).stream().filter(c -> c.method().equals("POST"))
                .map(c -> (Registration) c.body()).toList();
    }

    List<Load> heartbeatsOf(String id) {
        return callsOf(id).stream().filter(c -> c.method().equals("PUT") && c.body() != null)
                .map(c -> (Load) c.body()).toList();
    }
}
