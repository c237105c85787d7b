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

    static int of(String matchKey, int year) {
        return mix(of(matchKey) ^ year);
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
