package dev.mw.worker;

import java.util.ArrayList;
import java.util.List;

import dev.mw.common.http.RequestUriCheck;
import dev.mw.worker.registration.DnsCache;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the worker. Besides the usual {@code java -Dmw.group=am -jar quarkus-run.jar}, it
 * takes settings after the jar too ({@code java -jar quarkus-run.jar -Dmw.group=am}): each
 * {@code -Dkey=value} argument becomes a system property before Quarkus reads its config.
 * It also hands the check of request URIs to {@link RequestUriCheck}, which answers a bad one
 * with a problem instead of an empty 400, and makes the JVM keep DNS answers for a second only
 * ({@link DnsCache}), so a new master pod behind a headless Service is found within a heartbeat.
 */
@QuarkusMain
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String... args) {
        String[] rest = applySystemProperties(args);
        DnsCache.configure();
        RequestUriCheck.replaceQuarkusCheck();
        Quarkus.run(rest);
    }

    /** Sets every {@code -Dkey=value} argument as a system property; returns the other arguments. */
    static String[] applySystemProperties(String... args) {
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("-D") && equals > 2) {
                System.setProperty(arg.substring(2, equals), arg.substring(equals + 1));
            } else {
                rest.add(arg);
            }
        }
        return rest.toArray(String[]::new);
    }
}
