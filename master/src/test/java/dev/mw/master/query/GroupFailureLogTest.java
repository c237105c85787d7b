package dev.mw.master.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mw.master.support.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupFailureLogTest {

    private final FakeTicker ticker = new FakeTicker();
    private final List<String> lines = new ArrayList<>();
    private final GroupFailureLog log = new GroupFailureLog(ticker, Duration.ofSeconds(10), new GroupFailureLog.Sink() {
        @Override
        public void warn(String line) {
            lines.add("WARN " + line);
        }

        @Override
        public void info(String line) {
            lines.add("INFO " + line);
        }
    });

    @Test
    void theFirstFailureIsAWarningThenAtMostOnePerIntervalWithTheSuppressedCount() {
        log.failed("am", "r1", "no worker of group 'am' is registered");
        for (int i = 2; i <= 1000; i++) {
            ticker.advanceMs(10);
            log.failed("am", "r" + i, "no worker of group 'am' is registered");
        }
        assertEquals(List.of("WARN rid=r1 group am did not answer: no worker of group 'am' is registered"), lines);

        ticker.advanceMs(10); // 10 s after the first warning
        log.failed("am", "r1001", "w0: timed out");
        assertEquals(2, lines.size());
        assertEquals("WARN rid=r1001 group am did not answer: w0: timed out"
                + " (999 more failed queries of group am since the last warning)", lines.get(1));
    }

    @Test
    void groupsAreThrottledEachOnTheirOwn() {
        log.failed("am", "r1", "down");
        log.failed("nz", "r2", "down");
        log.failed("am", "r3", "down");
        assertEquals(List.of("WARN rid=r1 group am did not answer: down", "WARN rid=r2 group nz did not answer: down"),
                lines);
    }

    @Test
    void aRecoveryIsLoggedOnceAtInfoAndTheNextFailureWarnsAtOnce() {
        log.answered("am");
        assertTrue(lines.isEmpty(), "a group that never failed has nothing to report");
        log.failed("am", "r1", "down");
        log.failed("am", "r2", "down");
        log.answered("am");
        log.answered("am");
        assertEquals(List.of("WARN rid=r1 group am did not answer: down",
                "INFO group am answers again (2 failed queries since its first failure)"), lines);

        log.failed("am", "r3", "down again");
        assertEquals("WARN rid=r3 group am did not answer: down again", lines.get(2));
    }
}
