package dev.mw.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service (master or worker) running as a real OS process on a fixed port.
 *
 * <p>Runs {@code java -Xmx256m -XX:TieredStopAtLevel=1 -Dquarkus.http.port=P -D... -jar jar} in the
 * repository root, with stdout and stderr appended to {@code e2e/target/e2e-logs/<name>.log}.
 * Every started process is remembered until it exits; {@link #killAll()} (called by
 * {@link ProcessCleanupExtension} and a JVM shutdown hook) makes sure none outlives the test run.
 *
 * <p>Not thread-safe: one test thread drives a process's life cycle.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int TAIL_LINES = 40;

    private static final Set<ServiceProcess> STARTED = ConcurrentHashMap.newKeySet();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ServiceProcess::killAll, "e2e-process-reaper"));
    }

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> properties;
    private final Path log;
    private Path workingDir = RepoLayout.root();
    private Process process;
    private boolean frozen;
    /** SIGTERM was sent to the current process: a stop after a terminate only waits. */
    private boolean terminating;
    private int starts;

    /**
     * @param name       log name, may contain a folder ({@code EndToEndIT/worker-am-0})
     * @param properties {@code -D} system properties besides {@code quarkus.http.port}
     */
    public ServiceProcess(String name, Path jar, int port, Map<String, String> properties) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.properties = new LinkedHashMap<>(properties);
        this.log = RepoLayout.logDir().resolve(name + ".log");
    }

    /** Starts the process in {@code dir} instead of the repository's root. */
    public ServiceProcess inDirectory(Path dir) {
        this.workingDir = dir;
        return this;
    }

    /** Launches the process without waiting; the log is truncated on the first start only. */
    public ServiceProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + pid() + ")");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            if (starts == 0) {
                Files.deleteIfExists(log);
            }
            Files.writeString(log, (starts == 0 ? "" : "\n") + "### e2e start #" + (starts + 1) + ": "
                    + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
        frozen = false;
        terminating = false;
        starts++;
        STARTED.add(this);
        return this;
    }

    /** Waits until {@code /q/health/ready} answers 200, failing early if the process exits. */
    public ServiceProcess awaitReady() {
        return awaitHealth("/q/health/ready", READY_TIMEOUT);
    }

    /** Waits until {@code /q/health/live} answers 200: the HTTP server is up, maybe not ready. */
    public ServiceProcess awaitLive() {
        return awaitHealth("/q/health/live", READY_TIMEOUT);
    }

    /** The status {@code path} answers with, or -1 when the service cannot be reached. */
    public int status(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** SIGKILL: the process gets no chance to deregister or drain. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(STOP_TIMEOUT);
        }
    }

    /** SIGTERM and wait for a graceful exit; SIGKILL if it takes longer than 30 s. */
    public void stop() {
        terminate();
        if (process != null && !waitFor(STOP_TIMEOUT)) {
            kill();
        }
    }

    /** SIGTERM without waiting, once per start (a frozen process is resumed first, or it could not exit). */
    public void terminate() {
        if (!isAlive()) {
            return;
        }
        if (frozen) {
            resume();
        }
        if (!terminating) {
            process.destroy();
            terminating = true;
        }
    }

    /** SIGSTOP: the process stays alive but answers nothing, like a hung JVM. */
    public void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** SIGCONT after {@link #freeze()}. */
    public void resume() {
        signal("CONT");
        frozen = false;
    }

    /** Stops the process if it runs, starts it again on the same port and waits until ready. */
    public ServiceProcess restart() {
        stop();
        return start().awaitReady();
    }

    /** Waits for the process to exit on its own and returns its exit code. */
    public int awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            throw new AssertionError(name + " still running after " + timeout.toMillis() + " ms; last log lines:\n"
                    + logTail(TAIL_LINES));
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        requireStarted();
        return process.pid();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Changes a {@code -D} property for the next {@link #start()}. */
    public void property(String key, String value) {
        properties.put(key, value);
    }

    public Path logFile() {
        return log;
    }

    /** The whole log so far (all starts). */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The last {@code lines} lines of the log. */
    public String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        stop();
        STARTED.remove(this);
    }

    @Override
    public String toString() {
        return name + "@" + port;
    }

    /** SIGKILLs every process started in this JVM that is still running. */
    public static void killAll() {
        for (ServiceProcess service : STARTED) {
            if (service.process != null) {
                service.process.destroyForcibly();
            }
        }
        for (ServiceProcess service : STARTED) {
            service.waitFor(Duration.ofSeconds(10));
        }
        STARTED.clear();
    }

    private ServiceProcess awaitHealth(String path, Duration timeout) {
        requireStarted();
        Poll.until(timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with code " + process.exitValue() + " before "
                        + path + " answered 200; last log lines (" + log + "):\n" + logTail(TAIL_LINES));
            }
            return status(path) == 200;
        }, () -> name + " (port " + port + ") " + path + " never answered 200; last log lines (" + log + "):\n"
                + logTail(TAIL_LINES));
        return this;
    }

    private void signal(String signal) {
        requireStarted();
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("kill -" + signal + " " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
