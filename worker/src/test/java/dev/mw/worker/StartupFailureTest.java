package dev.mw.worker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** A worker whose data file cannot load says why in one line and exits with code 1. */
@QuarkusMainTest
@TestProfile(StartupFailureTest.MissingDataFile.class)
class StartupFailureTest {

    public static class MissingDataFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.data-file", "../data/no-such-file.json");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void exitsWithOneClearLine(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();

        assertTrue(output.contains("Cannot load data file ../data/no-such-file.json: file not found"), output);
        assertTrue(!output.contains("Exception"), output);
    }
}
