package dev.mw.e2e;

import static dev.mw.e2e.SeedAnswers.ALICE;
import static dev.mw.e2e.SeedAnswers.KANSAS_CITY;
import static dev.mw.e2e.SeedAnswers.NEW_YORK_2002;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * {@code scripts/stop-local.sh} stops them all.
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
        int base = freePortBlock(SERVICES);
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
        } finally {
            Path stopOutput = RepoLayout.scratchDir().resolve("LocalLauncherIT-stop-local.txt");
            int exit = script(root, stopOutput, base, "scripts/stop-local.sh");
            assertEquals(0, exit, "stop-local.sh failed:\n" + Files.readString(stopOutput));
        }
        for (int i = 0; i < SERVICES; i++) {
            int port = base + i;
            assertTrue(isFree(port), "port " + port + " is still taken after stop-local.sh");
        }
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

    /** The first port of {@code count} consecutive free loopback ports. */
    private static int freePortBlock(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = FreePorts.next();
            if (base + count > 65535) {
                continue;
            }
            boolean free = true;
            for (int i = 1; i < count && free; i++) {
                free = isFree(base + i);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + count + " free loopback ports");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
