package dev.mw.worker.data;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.mw.common.records.PersonRecord;

/**
 * Finds the first record (in file order) whose record_id an earlier record already has.
 * Sorting one packed {@code long} per record (id in the high half, index in the low half)
 * costs 8 bytes a record, far less than a map of boxed ids for a multi-million-record file.
 */
final class DuplicateIds {

    private DuplicateIds() {
    }

    /** {@code record #3: duplicate record_id 4 (also record #1)}, or empty when all ids are unique. */
    static Optional<String> find(List<PersonRecord> records) {
        if (ascending(records)) {
            return Optional.empty();
        }
        long[] idAndIndex = new long[records.size()];
        for (int i = 0; i < idAndIndex.length; i++) {
            idAndIndex[i] = ((long) records.get(i).recordId() << 32) | i;
        }
        Arrays.sort(idAndIndex);
        int firstRepeat = Integer.MAX_VALUE;
        int earlier = -1;
        for (int i = 1; i < idAndIndex.length; i++) {
            if (id(idAndIndex[i]) == id(idAndIndex[i - 1]) && index(idAndIndex[i]) < firstRepeat) {
                firstRepeat = index(idAndIndex[i]);
                earlier = index(idAndIndex[i - 1]);
            }
        }
        if (earlier < 0) {
            return Optional.empty();
        }
        return Optional.of("record #" + firstRepeat + ": duplicate record_id "
                + records.get(firstRepeat).recordId() + " (also record #" + earlier + ")");
    }

    /** Most files list their records by id: then one pass proves the ids unique, without a sort. */
    private static boolean ascending(List<PersonRecord> records) {
        for (int i = 1; i < records.size(); i++) {
            if (records.get(i).recordId() <= records.get(i - 1).recordId()) {
                return false;
            }
        }
        return true;
    }

    private static int id(long packed) {
        return (int) (packed >> 32);
    }

    private static int index(long packed) {
        return (int) packed;
    }
}
