package dev.mw.worker;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the worker. Besides the usual {@code java -Dmw.group=am -jar quarkus-run.jar}, it
 * takes settings after the jar too ({@code java -jar quarkus-run.jar -Dmw.group=am}): each
 * {@code -Dkey=value} argument becomes a system property before Quarkus reads its config.
 */
@QuarkusMain
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String... args) {
        Quarkus.run(applySystemProperties(args));
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
