package dev.mw.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are in the repository: the packaged services, the shipped data and the log folder.
 *
 * <p>The root comes from the {@code mw.repo.root} system property (set by failsafe); without it,
 * the first parent of the working directory that holds {@code mvnw} and {@code e2e/}.
 */
public final class RepoLayout {

    private RepoLayout() {
    }

    public static Path root() {
        String configured = System.getProperty("mw.repo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("e2e"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root: set -Dmw.repo.root");
    }

    public static Path masterJar() {
        return requirePackaged("master");
    }

    public static Path workerJar() {
        return requirePackaged("worker");
    }

    /** The shipped data file of a group, {@code data/data-<group>.json}. */
    public static Path dataFile(String group) {
        return root().resolve("data").resolve("data-" + group + ".json");
    }

    /** {@code e2e/target/e2e-logs}: one log file per started service. */
    public static Path logDir() {
        return root().resolve("e2e").resolve("target").resolve("e2e-logs");
    }

    /** {@code e2e/target}: scratch space for files a test writes. */
    public static Path scratchDir() {
        return root().resolve("e2e").resolve("target");
    }

    /** {@code <module>/target/quarkus-app}: the packaged service, its class-data archive beside it. */
    public static Path appDir(String module) {
        return root().resolve(module).resolve("target").resolve("quarkus-app");
    }

    private static Path requirePackaged(String module) {
        Path jar = appDir(module).resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The packaged " + module + " is missing at " + jar
                    + ": run ./mvnw package first (or ./mvnw verify from the repository root)");
        }
        return jar;
    }
}
