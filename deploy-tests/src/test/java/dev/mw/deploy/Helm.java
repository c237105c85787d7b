package dev.mw.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the helm binary: {@code .tools/bin/helm} (installed by scripts/install-helm.sh, which this
 * class runs once when neither it nor a helm on the PATH is there).
 */
final class Helm {

    static final String RELEASE = "master-worker";
    static final String NAMESPACE = "default";

    private static Path binary;

    private Helm() {
    }

    /** The outcome of one helm call. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** {@code helm template master-worker helm/master-worker --namespace default <args>}; fails on error. */
    static String template(String... args) {
        List<String> command = new ArrayList<>(List.of("template", RELEASE, RepoLayout.chart().toString(),
                "--namespace", NAMESPACE));
        command.addAll(List.of(args));
        Result result = run(command);
        if (!result.ok()) {
            throw new AssertionError("helm " + String.join(" ", command) + " failed:\n" + result.stderr());
        }
        return result.stdout();
    }

    /** {@code helm template} with a values file ({@code null}: the chart's defaults). */
    static String template(Path valuesFile, String... more) {
        List<String> args = new ArrayList<>();
        if (valuesFile != null) {
            args.add("-f");
            args.add(valuesFile.toString());
        }
        args.addAll(List.of(more));
        return template(args.toArray(String[]::new));
    }

    static Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(args);
        return exec(command, RepoLayout.root());
    }

    static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        Path tools = RepoLayout.root().resolve(".tools/bin/helm");
        if (!Files.isExecutable(tools) && onPath("helm") == null) {
            Result install = exec(List.of("bash", "scripts/install-helm.sh"), RepoLayout.root());
            if (!install.ok()) {
                throw new IllegalStateException("helm is missing and scripts/install-helm.sh failed:\n"
                        + install.stdout() + install.stderr());
            }
        }
        binary = Files.isExecutable(tools) ? tools : onPath("helm");
        return binary;
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static Result exec(List<String> command, Path dir) {
        try {
            Path out = Files.createTempFile("helm-out", ".txt");
            Path err = Files.createTempFile("helm-err", ".txt");
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + command);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }
}
