package dev.mw.e2e;

import static dev.mw.e2e.SeedAnswers.ALICE;
import static dev.mw.e2e.SeedAnswers.KANSAS_CITY;
import static dev.mw.e2e.SeedAnswers.NEW_YORK_2002;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's first command as a user runs it: {@code scripts/run-local.sh --detach} trains the
 * class-data archives, starts the master and two workers per group, and the seed queries answer;
 * a worker killed is started again alone with {@code scripts/run-local.sh --restart}, on its
 * port under its id; {@code scripts/stop-local.sh} stops them all, the workers before the master,
 * so that no worker fails to deregister.
 */
class LocalLauncherIT {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final int SERVICES = 5;

    @Test
    void runLocalTrainsTheArchivesStartsTheSystemAndStopLocalStopsIt() throws Exception {
        Path root = RepoLayout.root();
        RepoLayout.masterJar();
        RepoLayout.workerJar();
        for (String module : List.of("master", "worker")) {
            Files.deleteIfExists(RepoLayout.appDir(module).resolve("app-cds.trained")); // so this run trains them
        }
        int base = FreePorts.block(SERVICES);
        Path output = RepoLayout.scratchDir().resolve("LocalLauncherIT-run-local.txt");
        try {
            int exit = script(root, output, base, "scripts/run-local.sh", "--detach");
            String printed = Files.readString(output);
            assertEquals(0, exit, "run-local.sh --detach failed:\n" + printed);
            assertTrue(printed.contains("Trained the class-data archives"), printed);
            assertTrue(printed.contains("All " + SERVICES + " services ready"), printed);

            MasterClient master = new MasterClient("http://127.0.0.1:" + base);
            Poll.until(Duration.ofSeconds(30), () -> master.workersIn("UP") == 4,
                    () -> "expected 4 workers UP: " + master.workers());
            assertEquals(ALICE, master.query("name", "alice").records());
            assertEquals(KANSAS_CITY, master.query("location", "Kansas City").records());
            assertEquals(NEW_YORK_2002, master.query("location", "New York City", "year", "2002").records());

            for (String module : List.of("master", "worker")) {
                assertTrue(Files.isRegularFile(RepoLayout.appDir(module).resolve("app-cds.jsa")), module + " archive");
                assertTrue(Files.isRegularFile(RepoLayout.appDir(module).resolve("app-cds.trained")), module + " marker");
            }
            for (String log : List.of("master", "worker-am-0", "worker-nz-1")) {
                String text = Files.readString(root.resolve(".run/logs/" + log + ".log"));
                assertFalse(text.contains("[cds]") || text.contains("shared archive"),
                        log + " did not accept its class-data archive:\n" + text);
            }

            killAndRestart(root, base, master, "worker-am-1");
        } finally {
            Path stopOutput = RepoLayout.scratchDir().resolve("LocalLauncherIT-stop-local.txt");
            int exit = script(root, stopOutput, base, "scripts/stop-local.sh");
            assertEquals(0, exit, "stop-local.sh failed:\n" + Files.readString(stopOutput));
        }
        for (int i = 0; i < SERVICES; i++) {
            int port = base + i;
            assertTrue(FreePorts.isFree(port), "port " + port + " is still taken after stop-local.sh");
        }
        for (String worker : List.of("worker-am-0", "worker-am-1", "worker-nz-0", "worker-nz-1")) {
            String text = Files.readString(root.resolve(".run/logs/" + worker + ".log"));
            assertTrue(text.contains("Deregistered " + worker + " from master"), worker + " did not deregister on stop:\n" + text);
            assertFalse(text.contains("Could not deregister"), worker + " could not deregister on stop:\n" + text);
        }
    }

    /** SIGKILL one worker; {@code run-local.sh --restart} brings it back on its port, and the master sees it UP. */
    private static void killAndRestart(Path root, int base, MasterClient master, String name) throws Exception {
        long pid = pidOf(root, name);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        String url = workerUrl(master, name);
        process.destroyForcibly();
        Poll.until(Duration.ofSeconds(10), () -> !process.isAlive(), () -> name + " (pid " + pid + ") survived SIGKILL");
        Poll.until(Duration.ofSeconds(30), () -> !"UP".equals(workerState(master, name)),
                () -> "the master still sees " + name + " UP after SIGKILL: " + master.workers());

        Path output = RepoLayout.scratchDir().resolve("LocalLauncherIT-restart.txt");
        int exit = script(root, output, base, "scripts/run-local.sh", "--restart", name);
        String printed = Files.readString(output);
        assertEquals(0, exit, "run-local.sh --restart failed:\n" + printed);
        assertTrue(printed.contains(name + " ready after"), printed);
        long newPid = pidOf(root, name);
        assertTrue(newPid != pid && ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false),
                "the pid file does not name the restarted " + name + ": " + newPid);
        Poll.until(Duration.ofSeconds(30), () -> "UP".equals(workerState(master, name)) && master.workersIn("UP") == 4,
                () -> "expected " + name + " UP again: " + master.workers());
        assertEquals(url, workerUrl(master, name), "restarted on another port");
        assertEquals(ALICE, master.query("name", "alice").records());
    }

    private static long pidOf(Path root, String name) throws IOException {
        return Files.readAllLines(root.resolve(".run/pids")).stream()
                .map(line -> line.split(" "))
                .filter(fields -> fields.length == 3 && fields[1].equals(name))
                .mapToLong(fields -> Long.parseLong(fields[0]))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not in .run/pids"));
    }

    private static String workerState(MasterClient master, String name) {
        for (var worker : master.workers()) {
            if (name.equals(worker.path("id").asText())) {
                return worker.path("state").asText();
            }
        }
        return "absent";
    }

    private static String workerUrl(MasterClient master, String name) {
        for (var worker : master.workers()) {
            if (name.equals(worker.path("id").asText())) {
                return worker.path("url").asText();
            }
        }
        return "absent";
    }

    private static int script(Path root, Path output, int base, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("bash"));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("MW_PORT_BASE", Integer.toString(base));
        builder.environment().put("MW_READY_TIMEOUT", "180");
        Process process = builder.start();
        if (!process.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not end within " + SCRIPT_TIMEOUT + ":\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return process.exitValue();
    }
}
