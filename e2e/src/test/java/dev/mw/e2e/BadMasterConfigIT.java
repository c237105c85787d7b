package dev.mw.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A master started with a bad setting stops at startup, non-zero, naming the setting; not at its
 * first query or registration, when the beans that read the settings would otherwise be made.
 */
@ExtendWith(ProcessCleanupExtension.class)
class BadMasterConfigIT {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "mw.hedge-after, soon, mw.hedge-after",
            "mw.batch.max-size, 65, mw.batch.max-size must be 1..64",
            "mw.batch.max-in-flight, 0, mw.batch.max-in-flight must be at least 1",
            "mw.worker-http, http3, mw.worker-http must be http1, http1-pipelined or h2c",
            "mw.warmup, soon, mw.warmup"})
    void aBadSettingStopsTheMasterAtStartupNamingIt(String key, String value, String message) {
        int port = FreePorts.next();
        ServiceProcess master = new ServiceProcess("BadMasterConfigIT/" + key, RepoLayout.masterJar(), port,
                Map.of(key, value)).start();
        int exitCode = master.awaitExit(EXIT_TIMEOUT);
        String log = master.logText();
        assertNotEquals(0, exitCode, "a master with " + key + "=" + value + " must not run; log:\n" + log);
        assertTrue(log.contains(message), "expected the log to say '" + message + "'; log:\n" + log);
    }
}
