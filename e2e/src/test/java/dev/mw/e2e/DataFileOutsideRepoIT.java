package dev.mw.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code java -jar worker/target/quarkus-app/quarkus-run.jar} started outside the repository: the
 * default data file is not in the working directory, so the worker serves the data shipped in its
 * jar; a file given with {@code mw.data-file} is never replaced by it.
 */
@ExtendWith(ProcessCleanupExtension.class)
class DataFileOutsideRepoIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void withoutDataFileTheShippedDataIsServed() throws Exception {
        ServiceProcess worker = worker("shipped", "am", null).start().awaitLive();
        Poll.until(TIMEOUT, () -> body(worker, "/api/records?name=alice").contains("\"record_id\":2"),
                () -> "the worker did not answer alice from the shipped data; log:\n" + worker.logText());
        assertTrue(worker.logText().contains("from data/data-am.json shipped in the worker jar"), worker.logText());
    }

    @Test
    void anExplicitDataFileThatIsMissingStopsTheWorker() throws IOException {
        ServiceProcess worker = worker("explicit", "am", "data/data-am.json").start();
        assertStopped(worker, "Cannot load data file data/data-am.json: file not found in the working directory ");
    }

    @Test
    void aGroupWithoutShippedDataSaysWhatToPass() throws IOException {
        ServiceProcess worker = worker("unshipped", "xy", null).start();
        assertStopped(worker, "give the file with -Dmw.data-file=/path/to/data-xy.json");
    }

    private static void assertStopped(ServiceProcess worker, String message) {
        int exit = worker.awaitExit(TIMEOUT);
        assertNotEquals(0, exit, worker.logText());
        assertTrue(worker.logText().contains(message), "expected '" + message + "' in:\n" + worker.logText());
    }

    /** A worker whose working directory is a fresh temporary directory outside the repository. */
    private static ServiceProcess worker(String id, String group, String dataFile) throws IOException {
        Path outside = Files.createTempDirectory("mw-outside-repo-");
        int port = FreePorts.next();
        Map<String, String> properties = new HashMap<>(Map.of(
                "mw.group", group,
                "mw.id", "worker-" + id,
                "mw.master-url", "http://127.0.0.1:" + FreePorts.next(),
                "mw.advertise-url", "http://127.0.0.1:" + port));
        if (dataFile != null) {
            properties.put("mw.data-file", dataFile);
        }
        return new ServiceProcess("DataFileOutsideRepoIT/" + id, RepoLayout.workerJar(), port, properties)
                .inDirectory(outside);
    }

    private static String body(ServiceProcess worker, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(worker.baseUrl() + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
