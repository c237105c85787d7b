package dev.mw.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are in the repository: the chart, the scripts, the packaged services. */
final class RepoLayout {

    private RepoLayout() {
    }

    /** The root from {@code mw.repo.root} (set by the pom), else the first parent holding mvnw and helm/. */
    static Path root() {
        String configured = System.getProperty("mw.repo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("helm"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root: set -Dmw.repo.root");
    }

    static Path chart() {
        return root().resolve("helm/master-worker");
    }

    /** {@code deploy-tests/target}: renders, logs and scratch files of these tests. */
    static Path target() {
        return root().resolve("deploy-tests/target");
    }

    static Path module(String module) {
        return root().resolve(module);
    }

    /** {@code <module>/target/quarkus-app/quarkus-run.jar}; fails with a hint when not packaged. */
    static Path packagedJar(String module) {
        Path jar = module(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The packaged " + module + " is missing at " + jar
                    + ": run ./mvnw package (or ./mvnw verify from the repository root)");
        }
        return jar;
    }
}
