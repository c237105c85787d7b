package dev.mw.master.query;

import dev.mw.master.time.Ticker;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs groups that did not answer without flooding the log while a group is down: a group's
 * first failure is a WARN, further ones at most one WARN per {@code interval} with the count of
 * those not logged, and its next answer after failing one INFO. Thread-safe; the per-query cost
 * of a healthy group is one map lookup and a volatile read.
 */
final class GroupFailureLog {

    /** Where the lines go; the real one is the JBoss log, a test passes a list. */
    interface Sink {
        void warn(String line);

        void info(String line);
    }

    static final Sink LOG = new Sink() {
        @Override
        public void warn(String line) {
            Log.warn(line);
        }

        @Override
        public void info(String line) {
            Log.info(line);
        }
    };

    private final Ticker ticker;
    private final long intervalNanos;
    private final Sink sink;
    private final Map<String, GroupState> groups = new ConcurrentHashMap<>();

    GroupFailureLog(Ticker ticker, Duration interval, Sink sink) {
        this.ticker = ticker;
        this.intervalNanos = interval.toNanos();
        this.sink = sink;
    }

    void failed(String group, String requestId, String error) {
        GroupState state = groups.computeIfAbsent(group, g -> new GroupState());
        String line = "rid=" + requestId + " group " + group + " did not answer: " + error;
        synchronized (state) {
            long now = ticker.nanos();
            if (!state.failing) {
                state.failing = true;
                state.failures = 1;
                state.suppressed = 0;
                state.lastWarn = now;
            } else {
                state.failures++;
                if (now - state.lastWarn < intervalNanos) {
                    state.suppressed++;
                    return;
                }
                if (state.suppressed > 0) {
                    line += " (" + state.suppressed + " more failed queries of group " + group
                            + " since the last warning)";
                }
                state.suppressed = 0;
                state.lastWarn = now;
            }
        }
        sink.warn(line);
    }

    void answered(String group) {
        GroupState state = groups.get(group);
        if (state == null || !state.failing) {
            return;
        }
        long failures;
        synchronized (state) {
            if (!state.failing) {
                return;
            }
            state.failing = false;
            failures = state.failures;
        }
        sink.info("group " + group + " answers again (" + failures + " failed queries since its first failure)");
    }

    private static final class GroupState {
        volatile boolean failing;
        long failures;
        long suppressed;
        long lastWarn;
    }
}
