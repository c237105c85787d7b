package dev.mw.worker.data;

/**
 * Shares equal strings while a file loads: a group has far fewer distinct locations (and often
 * names) than records, so most records can point at one copy. Values are looked up by the
 * parser's characters, so a value already pooled costs no new string at all.
 * <p>
 * The pool stops growing at a bound, so a file of all-distinct values costs at most that much
 * extra while it loads; and once its first {@value #TRIAL} lookups found fewer than one in
 * {@value #MIN_HIT_RATIO_INVERSE} already pooled, it stops looking altogether, because hashing
 * and comparing every value of a field that hardly repeats (unique names) saves nothing.
 * <p>
 * An open-addressing table written here rather than a {@code HashMap<String, String>}: the
 * map needs the string made before it can be looked up, which is the allocation this avoids.
 */
final class StringPool {

    static final int DEFAULT_MAX_SIZE = 1 << 16;
    static final int TRIAL = 1 << 14;
    static final int MIN_HIT_RATIO_INVERSE = 8;

    private static final int INITIAL_SLOTS = 1 << 10;

    private final int maxSize;
    private String[] slots = new String[INITIAL_SLOTS];
    private int size;
    private int lookups;
    private int hits;

    StringPool(int maxSize) {
        this.maxSize = maxSize;
    }

    /** The text of {@code chars[offset, offset + length)}: the pooled copy when there is one. */
    String of(char[] chars, int offset, int length) {
        if (slots == null) {
            return new String(chars, offset, length);
        }
        if (++lookups == TRIAL && hits * MIN_HIT_RATIO_INVERSE < TRIAL) {
            slots = null;
            return new String(chars, offset, length);
        }
        int hash = hash(chars, offset, length);
        int slot = firstSlot(hash);
        for (String pooled; (pooled = slots[slot]) != null; slot = nextSlot(slot)) {
            if (pooled.hashCode() == hash && sameText(pooled, chars, offset, length)) {
                hits++;
                return pooled;
            }
        }
        String value = new String(chars, offset, length);
        if (size < maxSize) {
            slots[slot] = value;
            size++;
            if (size * 2 > slots.length) {
                grow();
            }
        }
        return value;
    }

    private void grow() {
        String[] old = slots;
        slots = new String[old.length * 2];
        for (String pooled : old) {
            if (pooled != null) {
                int slot = firstSlot(pooled.hashCode());
                while (slots[slot] != null) {
                    slot = nextSlot(slot);
                }
                slots[slot] = pooled;
            }
        }
    }

    private int firstSlot(int hash) {
        return (hash ^ (hash >>> 16)) & (slots.length - 1);
    }

    private int nextSlot(int slot) {
        return (slot + 1) & (slots.length - 1);
    }

    /** {@link String#hashCode()} of the text, so a pooled string's cached hash compares directly. */
    private static int hash(char[] chars, int offset, int length) {
        int h = 0;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + chars[i];
        }
        return h;
    }

    private static boolean sameText(String pooled, char[] chars, int offset, int length) {
        if (pooled.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (pooled.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
