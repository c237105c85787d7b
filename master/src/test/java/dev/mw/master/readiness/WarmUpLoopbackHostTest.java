package dev.mw.master.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the warm-up reaches the master's own listener, from {@code quarkus.http.host}. */
class WarmUpLoopbackHostTest {

    @ParameterizedTest
    @CsvSource(value = {"0.0.0.0,127.0.0.1", "'',127.0.0.1", "::,127.0.0.1", "[::],127.0.0.1",
            "localhost,localhost", "127.0.0.1,127.0.0.1", "10.1.2.3,10.1.2.3"})
    void everyAddressMeansLoopbackASpecificOneIsItself(String httpHost, String expected) {
        assertEquals(expected, LoopbackWarmUp.loopback(httpHost));
    }
}
