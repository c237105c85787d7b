package dev.mw.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker whose data file is broken stops with a non-zero exit code and one clear log line that
 * names the file and, for a bad record, the record's index. It never serves a half-loaded group.
 */
@ExtendWith(ProcessCleanupExtension.class)
class BadDataFileIT {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void recordWithoutNameStopsTheWorkerNamingFileAndIndex() throws IOException {
        Path file = write("data-am-missing-name.json", """
                [
                  {"record_id": 101, "name": "adam", "location": "Oslo", "year": 2000},
                  {"record_id": 102, "name": "beth", "location": "Rome", "year": 2001},
                  {"record_id": 103, "location": "Lima", "year": 2002}
                ]
                """);

        ServiceProcess worker = startWorker("worker-missing-name", file);

        assertStoppedWithMessage(worker, file, 2);
    }

    @Test
    void yearOutOfRangeStopsTheWorkerNamingFileAndIndex() throws IOException {
        Path file = write("data-am-bad-year.json", """
                [
                  {"record_id": 101, "name": "adam", "location": "Oslo", "year": 2000},
                  {"record_id": 102, "name": "beth", "location": "Rome", "year": 12000}
                ]
                """);

        ServiceProcess worker = startWorker("worker-bad-year", file);

        assertStoppedWithMessage(worker, file, 1);
    }

    @Test
    void recordOutsideTheRangeStopsTheWorkerNamingFileAndIndex() throws IOException {
        Path file = write("data-am-foreign-name.json", """
                [
                  {"record_id": 101, "name": "adam", "location": "Oslo", "year": 2000},
                  {"record_id": 102, "name": "Zoë", "location": "Rome", "year": 2001}
                ]
                """);

        ServiceProcess worker = startWorker("worker-foreign-name", file, Map.of("mw.range", "a-m"));

        assertStoppedWithMessage(worker, file, 1);
        assertTrue(worker.logText().contains("record_id 102, name \"Zoë\" is not in this worker's range a-m"),
                worker.logText());
    }

    @Test
    void missingFileStopsTheWorkerNamingTheFile() {
        Path file = RepoLayout.scratchDir().resolve("bad-data").resolve("data-am-does-not-exist.json");

        ServiceProcess worker = startWorker("worker-missing-file", file);

        assertStoppedWithMessage(worker, file, -1);
    }

    private static ServiceProcess startWorker(String id, Path dataFile) {
        return startWorker(id, dataFile, Map.of());
    }

    private static ServiceProcess startWorker(String id, Path dataFile, Map<String, String> more) {
        int port = FreePorts.next();
        int noMaster = FreePorts.next();
        Map<String, String> properties = new HashMap<>(Map.of(
                "mw.group", "am",
                "mw.id", id,
                "mw.master-url", "http://127.0.0.1:" + noMaster,
                "mw.advertise-url", "http://127.0.0.1:" + port,
                "mw.data-file", dataFile.toString(),
                "mw.heartbeat", "1s"));
        properties.putAll(more);
        return new ServiceProcess("BadDataFileIT/" + id, RepoLayout.workerJar(), port, properties).start();
    }

    /**
     * Exit code non-zero, and one log line naming the file (by its file name) and, when
     * {@code index >= 0}, the record index as a separate number.
     */
    private static void assertStoppedWithMessage(ServiceProcess worker, Path file, int index) {
        int exitCode = worker.awaitExit(EXIT_TIMEOUT);
        String log = worker.logText();
        assertNotEquals(0, exitCode, "a worker with a broken data file must exit non-zero; log:\n" + log);

        String fileName = file.getFileName().toString();
        Pattern indexNumber = Pattern.compile("(?<![\\w.])" + index + "(?![\\w.])");
        boolean named = log.lines()
                .filter(line -> !line.startsWith("### e2e start"))
                .filter(line -> !line.stripLeading().startsWith("at "))
                .filter(line -> line.contains(fileName))
                .map(line -> line.replace(file.toString(), "").replace(fileName, ""))
                .anyMatch(rest -> index < 0 || indexNumber.matcher(rest).find());
        assertTrue(named, "expected one log line naming " + fileName
                + (index < 0 ? "" : " and record index " + index) + "; log:\n" + log);
    }

    private static Path write(String name, String content) throws IOException {
        Path dir = Files.createDirectories(RepoLayout.scratchDir().resolve("bad-data"));
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
