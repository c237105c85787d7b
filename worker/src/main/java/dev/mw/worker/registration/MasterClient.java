package dev.mw.worker.registration;

import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;

/**
 * The calls a worker makes to one master. Implementations never throw for a failed call:
 * an unreachable master or an error status is a {@link MasterReply} like any other.
 */
interface MasterClient extends AutoCloseable {

    String url();

    MasterReply register(Registration registration);

    MasterReply heartbeat(String id, Load load);

    MasterReply deregister(String id);

    @Override
    void close();
}
