package dev.mw.worker.data;

/**
 * Well-mixed 32-bit hashes of the index keys. Plain {@code String.hashCode()} combined
 * with {@code 31 * h + year} collides a lot for keys like "City42"/"City43"; the MurmurHash3
 * finaliser spreads them so that runs of one hash rarely mix keys.
 */
final class KeyHash {

    private KeyHash() {
    }

    static int of(String matchKey) {
        return mix(matchKey.hashCode());
    }

    /**
     * {@code of(MatchKey.of(text))} without building the key: for ASCII text (nearly every
     * record) the lower-cased, trimmed hash is computed in place, which saves two strings per
     * record and index while a file loads.
     */
    static int ofText(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return of(MatchKey.of(text)); // outside ASCII, lower-casing may change the length
            }
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        return mix(h);
    }

    static int of(String matchKey, int year) {
        return withYear(of(matchKey), year);
    }

    static int withYear(int keyHash, int year) {
        return mix(keyHash ^ year);
    }

    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
