package dev.mw.e2e.failure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Counts and latencies of a set of {@link Sample}s, and which instance answered each group.
 *
 * @param sent       queries sent
 * @param failed     queries that were not {@link Sample#ok()}
 * @param seconds    from the first query sent to the last answer
 * @param answeredBy worker id to how many queries it answered (ok) for its group
 * @param answered   group to how many queries got an ok answer from it
 */
public record LoadSummary(int sent, int failed, double p50, double p99, double maxMs, double seconds,
                          Map<String, Long> answeredBy, Map<String, Long> answered) {

    public static LoadSummary of(List<Sample> samples) {
        return of(samples, Sample::ok);
    }

    /** @param good what counts as a good answer in this scenario (see {@link Sample#ok()}) */
    public static LoadSummary of(List<Sample> samples, Predicate<Sample> good) {
        double[] latencies = samples.stream().mapToDouble(Sample::latencyMs).sorted().toArray();
        Map<String, Long> answeredBy = new TreeMap<>();
        Map<String, Long> answered = new TreeMap<>();
        for (Sample sample : samples) {
            for (String group : sample.query().groups()) {
                sample.answeredBy(group).ifPresent(worker -> {
                    answeredBy.merge(worker, 1L, Long::sum);
                    answered.merge(group, 1L, Long::sum);
                });
            }
        }
        int failed = (int) samples.stream().filter(good.negate()).count();
        long first = samples.stream().mapToLong(Sample::startNanos).min().orElse(0);
        long last = samples.stream().mapToLong(Sample::endNanos).max().orElse(0);
        return new LoadSummary(samples.size(), failed, percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1], (last - first) / 1e9, answeredBy,
                answered);
    }

    /** The share of {@code group}'s ok answers that {@code worker} gave, 0..1. */
    public double share(String group, String worker) {
        long total = answered.getOrDefault(group, 0L);
        return total == 0 ? 0 : answeredBy.getOrDefault(worker, 0L) / (double) total;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
    }

    @Override
    public String toString() {
        return String.format("sent=%d failed=%d p50=%.1fms p99=%.1fms max=%.1fms in %.1fs answeredBy=%s", sent,
                failed, p50, p99, maxMs, seconds, answeredBy);
    }

    /** {@code worker}'s share of {@code group}'s answers in consecutive windows, e.g. {@code 41% 30% 22%}. */
    static String timeline(List<Sample> samples, String group, String worker, Duration window) {
        if (samples.isEmpty()) {
            return "";
        }
        long first = samples.stream().mapToLong(Sample::startNanos).min().orElseThrow();
        Map<Long, List<Sample>> windows = samples.stream().collect(Collectors.groupingBy(
                s -> (s.startNanos() - first) / window.toNanos(), TreeMap::new, Collectors.toList()));
        return windows.values().stream()
                .map(w -> String.format("%.0f%%", LoadSummary.of(w).share(group, worker) * 100))
                .collect(Collectors.joining(" "));
    }
}
