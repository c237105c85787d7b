package dev.mw.master.readiness;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code mw.warmup} ({@code off} or how long to warm up at most, such as {@code 20s}),
 * {@code mw.warmup.concurrency} (queries in flight at once) and {@code mw.warmup.until}
 * ({@code jit-idle}: end as soon as the JIT has compiled the path, or {@code duration}: run the
 * whole duration). A bad value stops the master at start.
 */
public record WarmUpSettings(Duration duration, int concurrency, boolean untilJitIdle) {

    public static final WarmUpSettings OFF = new WarmUpSettings(Duration.ZERO, 1, false);

    /** A warm-up past the JIT's ~20 s to peak (bench/README.md, scenario 7) only keeps the pod out of its Service. */
    static final Duration MAX_DURATION = Duration.ofMinutes(1);
    /** Queries beyond what the CPUs can run at once only queue. */
    static final int MAX_CONCURRENCY = 64;

    public static WarmUpSettings parse(String warmup, int concurrency, String until) {
        boolean untilJitIdle = switch (until == null ? "" : until.strip().toLowerCase(Locale.ROOT)) {
            case "jit-idle" -> true;
            case "duration" -> false;
            default -> throw new ConfigurationException("Invalid mw.warmup.until '" + until
                    + "': use jit-idle (end once the JIT is idle) or duration (run all of mw.warmup)");
        };
        String text = warmup == null ? "" : warmup.strip().toLowerCase(Locale.ROOT);
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new ConfigurationException("Invalid mw.warmup.concurrency " + concurrency
                    + ": use 1 to " + MAX_CONCURRENCY + " queries in flight at once");
        }
        if (text.isEmpty() || text.equals("off") || text.equals("false")) {
            return OFF;
        }
        Duration duration;
        try {
            duration = DurationConverter.parseDuration(text);
        } catch (RuntimeException e) { // IllegalArgumentException or DateTimeParseException
            duration = null;
        }
        if (duration == null || duration.isNegative() || duration.compareTo(MAX_DURATION) > 0) {
            throw new ConfigurationException("Invalid mw.warmup '" + warmup
                    + "': use off, or a duration of at most 1m such as 2s or 500ms");
        }
        return duration.isZero() ? OFF : new WarmUpSettings(duration, concurrency, untilJitIdle);
    }

    public boolean enabled() {
        return !duration.isZero();
    }
}
