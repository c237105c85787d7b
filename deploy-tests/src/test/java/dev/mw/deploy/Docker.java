package dev.mw.deploy;

import java.util.ArrayList;
import java.util.List;

/** The docker CLI, one call at a time (through {@link Helm#exec}, which runs any command). */
final class Docker {

    private Docker() {
    }

    /** Null when an engine answers, else why not. */
    static String unavailableReason() {
        try {
            Helm.Result info = call("info", "--format", "{{.ServerVersion}}");
            return info.ok() ? null : "docker info failed: " + info.stderr().strip();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Runs docker with the arguments; fails with its output when it exits non-zero. */
    static String run(String... args) {
        Helm.Result result = call(args);
        if (!result.ok()) {
            throw new AssertionError("docker " + String.join(" ", args) + " failed (exit " + result.exitCode() + "):\n"
                    + result.stderr() + result.stdout());
        }
        return result.stdout().strip();
    }

    static Helm.Result call(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return Helm.exec(command, RepoLayout.root());
    }
}
