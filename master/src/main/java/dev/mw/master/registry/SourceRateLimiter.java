package dev.mw.master.registry;

import dev.mw.master.time.Ticker;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source address: {@code burst} registrations at once, refilled at
 * {@code perMinute}. The buckets are kept least recently used first: each request drops up to
 * two quiet (full again, so the same as no bucket) buckets from that end, and beyond
 * {@value #MAX_SOURCES} sources the least recently used one goes, so the map is bounded and each
 * request costs O(1). An active source is recently used, so its bucket is the last to go.
 * Hand-written: a per-key limit is not what SmallRye's single-guard rate limit does.
 */
public final class SourceRateLimiter {

    static final int MAX_SOURCES = 10_000;
    private static final int SWEEP_PER_REQUEST = 2;

    private final Ticker ticker;
    private final double perNano;
    private final double burst;
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

    public SourceRateLimiter(Ticker ticker, int perMinute, int burst) {
        this.ticker = ticker;
        this.perNano = perMinute / 60e9;
        this.burst = burst;
    }

    /** @return 0 when allowed, else the seconds to wait before the next try */
    public synchronized long tryAcquire(String source) {
        long now = ticker.nanos();
        Bucket bucket = buckets.computeIfAbsent(source, s -> new Bucket(burst, now));
        long wait = bucket.take(now, perNano, burst);
        Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
        for (int i = 0; i < SWEEP_PER_REQUEST && eldest.hasNext(); i++) {
            Bucket b = eldest.next().getValue();
            if (b == bucket || !b.fullAt(now, perNano, burst)) {
                break;
            }
            eldest.remove();
        }
        if (buckets.size() > MAX_SOURCES) {
            Iterator<Bucket> lru = buckets.values().iterator();
            lru.next();
            lru.remove();
        }
        return wait;
    }

    /** Sources with a bucket now; for tests. */
    synchronized int size() {
        return buckets.size();
    }

    /** Guarded by the limiter's lock. */
    private static final class Bucket {
        private double tokens;
        private long stamp;

        Bucket(double tokens, long stamp) {
            this.tokens = tokens;
            this.stamp = stamp;
        }

        long take(long now, double perNano, double burst) {
            tokens = Math.min(burst, tokens + (now - stamp) * perNano);
            stamp = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }

        boolean fullAt(long now, double perNano, double burst) {
            return tokens + (now - stamp) * perNano >= burst;
        }
    }
}
