package dev.mw.worker.data;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares equal strings while a file loads: a group has far fewer distinct names and
 * locations than records, so most records can point at one copy. The pool stops growing at
 * a bound, so a file of all-distinct values costs at most that much extra while it loads.
 */
final class StringPool {

    static final int DEFAULT_MAX_SIZE = 1 << 16;

    private final Map<String, String> pooled = new HashMap<>();
    private final int maxSize;

    StringPool(int maxSize) {
        this.maxSize = maxSize;
    }

    String share(String value) {
        String shared = pooled.get(value);
        if (shared != null) {
            return shared;
        }
        if (pooled.size() < maxSize) {
            pooled.put(value, value);
        }
        return value;
    }
}
