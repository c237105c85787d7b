package dev.mw.master.query;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When to send a second, hedged call for a slow name query ("The Tail at Scale"):
 * {@code off}, a fixed duration ({@code 50ms}), or a percentile of recent first-call latencies
 * ({@code p95}). Thread-safe.
 */
public final class HedgePolicy {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(?:\\.\\d+)?)");
    private static final int WINDOW = 1024;
    private static final int MIN_SAMPLES = 100;
    private static final int RECOMPUTE_EVERY = 64;

    private final long fixedNanos;
    private final double percentile;
    private final long[] samples;
    /** Samples recorded ever; a long, so it cannot wrap (an int did after 2^31 queries). */
    private long count;
    private long cachedNanos = -1;

    private HedgePolicy(long fixedNanos, double percentile) {
        this.fixedNanos = fixedNanos;
        this.percentile = percentile;
        this.samples = percentile > 0 ? new long[WINDOW] : null;
    }

    public static HedgePolicy off() {
        return new HedgePolicy(-1, 0);
    }

    public static HedgePolicy parse(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("off") || text.equals("false") || text.equals("0")) {
            return off();
        }
        Matcher m = PERCENTILE.matcher(text);
        if (m.matches()) {
            double p = Double.parseDouble(m.group(1));
            if (p > 0 && p < 100) {
                return new HedgePolicy(-1, p);
            }
        }
        Matcher d = DURATION.matcher(text);
        if (d.matches() && Long.parseLong(d.group(1)) > 0) {
            long amount = Long.parseLong(d.group(1));
            Duration delay = switch (d.group(2) == null ? "ms" : d.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofMillis(amount);
            };
            return new HedgePolicy(delay.toNanos(), 0);
        }
        throw new ConfigurationException("Invalid mw.hedge-after '" + value
                + "': use off, a duration such as 50ms or 1s, or a percentile such as p95");
    }

    /** For tests: as if {@code recorded} samples had been taken already (their values are zero). */
    HedgePolicy recordedSoFar(long recorded) {
        synchronized (this) {
            count = recorded;
        }
        return this;
    }

    /** The same policy with nothing learnt yet: one for each group. */
    public HedgePolicy fresh() {
        return new HedgePolicy(fixedNanos, percentile);
    }

    public boolean enabled() {
        return fixedNanos > 0 || percentile > 0;
    }

    /** How long to wait before hedging, or empty while it is off or still learning latencies. */
    public synchronized OptionalLong delayNanos() {
        if (fixedNanos > 0) {
            return OptionalLong.of(fixedNanos);
        }
        if (percentile <= 0 || count < MIN_SAMPLES) {
            return OptionalLong.empty();
        }
        if (cachedNanos < 0 || count % RECOMPUTE_EVERY == 0) {
            long[] sorted = Arrays.copyOf(samples, (int) Math.min(count, WINDOW));
            Arrays.sort(sorted);
            cachedNanos = sorted[(int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1)];
        }
        return OptionalLong.of(cachedNanos);
    }

    /**
     * Records the latency of a first call, for percentile thresholds; for a call overtaken by its
     * hedge, its time until then (a lower bound, but above the delay, which is what the
     * percentile's rank needs).
     */
    public synchronized void record(long nanos) {
        if (samples != null) {
            samples[(int) (count % WINDOW)] = nanos;
            count++;
        }
    }
}
