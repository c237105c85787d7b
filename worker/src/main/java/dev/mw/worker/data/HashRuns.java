package dev.mw.worker.data;

import java.util.function.IntUnaryOperator;

/**
 * One index of a {@link RecordIndex}: record positions sorted by the hash of their key, so
 * the records whose key has a given hash form one run, in position order. A run may hold a
 * few records of another key with the same hash; the caller checks each candidate.
 * <p>
 * Each entry packs hash (high half) and position (low half) into one {@code long}: 8 bytes a
 * record, with no object per key, so a multi-million-record group indexes without the heap a
 * map of lists would take. The entries are put in order by a radix sort written here rather
 * than {@code Arrays.sort}: two linear passes instead of a comparison sort, which is most of
 * the time a large file spends being indexed, in a JVM that has just started.
 */
final class HashRuns {

    /** The positions {@code [from, to)} of a run, ascending. */
    record Run(HashRuns runs, int from, int to) {

        int size() {
            return to - from;
        }

        int position(int i) {
            return (int) runs.hashAndPosition[from + i];
        }
    }

    private static final int DIGITS = 1 << 16;

    private final long[] hashAndPosition;

    private HashRuns(long[] hashAndPosition) {
        this.hashAndPosition = hashAndPosition;
    }

    static HashRuns of(int size, IntUnaryOperator hashAt) {
        int[] hashes = new int[size];
        for (int position = 0; position < size; position++) {
            hashes[position] = hashAt.applyAsInt(position);
        }
        return new HashRuns(sortedByHashThenPosition(hashes));
    }

    /**
     * LSD radix sort, 16 bits a pass. Each pass is stable, and positions enter in ascending
     * order, so equal hashes keep their positions ascending: the order of sorting the packed
     * longs, in linear time.
     */
    private static long[] sortedByHashThenPosition(int[] hashes) {
        int[] byLowHalf = new int[hashes.length];
        int[] next = startsOfDigits(hashes, HashRuns::lowDigit);
        for (int position = 0; position < hashes.length; position++) {
            byLowHalf[next[lowDigit(hashes[position])]++] = position;
        }
        long[] entries = new long[hashes.length];
        next = startsOfDigits(hashes, HashRuns::highDigit);
        for (int position : byLowHalf) {
            int hash = hashes[position];
            entries[next[highDigit(hash)]++] = pack(hash, position);
        }
        return entries;
    }

    private static int[] startsOfDigits(int[] hashes, IntUnaryOperator digit) {
        int[] starts = new int[DIGITS];
        for (int hash : hashes) {
            starts[digit.applyAsInt(hash)]++;
        }
        int start = 0;
        for (int d = 0; d < DIGITS; d++) {
            int count = starts[d];
            starts[d] = start;
            start += count;
        }
        return starts;
    }

    private static int lowDigit(int hash) {
        return hash & (DIGITS - 1);
    }

    /** The high half with its sign bit flipped, so negative hashes come first, as in the packed longs. */
    private static int highDigit(int hash) {
        return (hash >>> 16) ^ 0x8000;
    }

    Run find(int hash) {
        int from = firstAtLeast(pack(hash, 0));
        int to = firstAtLeast(pack(hash, Integer.MAX_VALUE) + 1);
        return new Run(this, from, to);
    }

    private int firstAtLeast(long value) {
        int low = 0;
        int high = hashAndPosition.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (hashAndPosition[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static long pack(int hash, int position) {
        return ((long) hash << 32) | position;
    }
}
