package dev.mw.master.registry;

import dev.mw.master.time.Ticker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per source address: {@code burst} registrations at once, refilled at
 * {@code perMinute}. Buckets of quiet sources are dropped so the map cannot grow without bound.
 * Hand-written: a per-key limit is not what SmallRye's single-guard rate limit does.
 */
public final class SourceRateLimiter {

    private static final int MAX_SOURCES = 10_000;

    private final Ticker ticker;
    private final double perNano;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public SourceRateLimiter(Ticker ticker, int perMinute, int burst) {
        this.ticker = ticker;
        this.perNano = perMinute / 60e9;
        this.burst = burst;
    }

    /** @return 0 when allowed, else the seconds to wait before the next try */
    public long tryAcquire(String source) {
        long now = ticker.nanos();
        if (buckets.size() > MAX_SOURCES) {
            buckets.values().removeIf(b -> b.fullAt(now, perNano, burst));
        }
        return buckets.computeIfAbsent(source, s -> new Bucket(burst, now)).take(now, perNano, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long stamp;

        Bucket(double tokens, long stamp) {
            this.tokens = tokens;
            this.stamp = stamp;
        }

        synchronized long take(long now, double perNano, double burst) {
            tokens = Math.min(burst, tokens + (now - stamp) * perNano);
            stamp = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }

        synchronized boolean fullAt(long now, double perNano, double burst) {
            return tokens + (now - stamp) * perNano >= burst;
        }
    }
}
