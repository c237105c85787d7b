package dev.mw.worker.data;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares equal strings while a file loads: a group has far fewer distinct locations (and often
 * names) than records, so most records can point at one copy. The pool stops growing at a bound,
 * so a file of all-distinct values costs at most that much extra while it loads; and once its
 * first {@value #TRIAL} lookups found fewer than one in {@value #MIN_HIT_RATIO_INVERSE} already
 * pooled, it stops looking altogether, because hashing and comparing every value of a field
 * that hardly repeats (unique names) costs a fifth of the load time and saves nothing.
 */
final class StringPool {

    static final int DEFAULT_MAX_SIZE = 1 << 16;
    static final int TRIAL = 1 << 14;
    static final int MIN_HIT_RATIO_INVERSE = 8;

    private final Map<String, String> pooled = new HashMap<>();
    private final int maxSize;
    private int lookups;
    private int hits;
    private boolean active = true;

    StringPool(int maxSize) {
        this.maxSize = maxSize;
    }

    String share(String value) {
        if (!active) {
            return value;
        }
        if (++lookups == TRIAL && hits * MIN_HIT_RATIO_INVERSE < TRIAL) {
            active = false;
            pooled.clear();
            return value;
        }
        String shared = pooled.get(value);
        if (shared != null) {
            hits++;
            return shared;
        }
        if (pooled.size() < maxSize) {
            pooled.put(value, value);
        }
        return value;
    }
}
