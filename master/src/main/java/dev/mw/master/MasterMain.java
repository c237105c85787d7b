package dev.mw.master;

import dev.mw.common.http.RequestUriCheck;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import sun.misc.Signal;

/**
 * Starts the master. Before Quarkus starts, it hands the check of request URIs to
 * {@link RequestUriCheck}, which answers a bad one with a problem instead of an empty 400.
 *
 * <p>SIGTERM is the normal way a master is stopped (Kubernetes, {@code scripts/stop-local.sh}):
 * it asks Quarkus to exit with code 0, after the graceful shutdown ({@code quarkus.shutdown.timeout})
 * has let the queries in flight finish, instead of the JVM's 143 for a signal.
 */
@QuarkusMain
public final class MasterMain {

    private MasterMain() {
    }

    public static void main(String... args) {
        RequestUriCheck.replaceQuarkusCheck();
        Signal.handle(new Signal("TERM"), signal -> Quarkus.asyncExit(0));
        Quarkus.run(args);
    }
}
