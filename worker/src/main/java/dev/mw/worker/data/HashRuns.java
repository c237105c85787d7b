package dev.mw.worker.data;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * One index of a {@link RecordIndex}: record positions sorted by the hash of their key, so
 * the records whose key has a given hash form one run, in position order. A run may hold a
 * few records of another key with the same hash; the caller checks each candidate.
 * <p>
 * Each entry packs hash (high half) and position (low half) into one {@code long}: 8 bytes a
 * record, sorted as primitives, with no object per key. A multi-million-record group thus
 * indexes in well under a second and without the heap a map of lists would take.
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

    private final long[] hashAndPosition;

    private HashRuns(long[] hashAndPosition) {
        this.hashAndPosition = hashAndPosition;
    }

    static HashRuns of(int size, IntUnaryOperator hashAt) {
        long[] entries = new long[size];
        for (int position = 0; position < size; position++) {
            entries[position] = pack(hashAt.applyAsInt(position), position);
        }
        Arrays.sort(entries);
        return new HashRuns(entries);
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
