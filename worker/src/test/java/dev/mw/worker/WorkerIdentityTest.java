package dev.mw.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class WorkerIdentityTest {

    @Test
    void idIsTheFirstLabelOfTheHostNameLowerCased() {
        assertEquals("worker-am-0", WorkerIdentity.firstLabel("Worker-AM-0.workers.default.svc.cluster.local"));
        assertEquals("vm", WorkerIdentity.firstLabel("vm"));
    }

    @Test
    void alwaysKnowsAHostName() {
        assertFalse(WorkerIdentity.hostName().isBlank());
    }
}
