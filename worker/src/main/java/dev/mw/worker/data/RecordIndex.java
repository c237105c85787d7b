package dev.mw.worker.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

import dev.mw.common.records.PersonRecord;

/**
 * A group's records, indexed by name, by location, by location and year, and by year, so a
 * lookup only looks at the records sharing the most selective filter given, never at the
 * whole group. Immutable and safe to share between threads.
 */
public final class RecordIndex {

    private final PersonRecord[] byId;
    private final HashRuns byName;
    private final HashRuns byLocation;
    private final HashRuns byLocationYear;
    private final HashRuns byYear;

    private RecordIndex(PersonRecord[] byId) {
        this.byId = byId;
        int[] nameHash = new int[byId.length];
        int[] locationHash = new int[byId.length];
        for (int p = 0; p < byId.length; p++) {
            nameHash[p] = KeyHash.ofText(byId[p].name());
            locationHash[p] = KeyHash.ofText(byId[p].location());
        }
        // four independent sorts: on a multi-core machine they run side by side while a file loads
        IntUnaryOperator[] keys = {
            p -> nameHash[p],
            p -> locationHash[p],
            p -> KeyHash.withYear(locationHash[p], byId[p].year()),
            p -> byId[p].year(),
        };
        HashRuns[] built = Arrays.stream(keys).parallel().map(key -> HashRuns.of(byId.length, key))
                .toArray(HashRuns[]::new);
        this.byName = built[0];
        this.byLocation = built[1];
        this.byLocationYear = built[2];
        this.byYear = built[3];
    }

    public static RecordIndex of(Collection<PersonRecord> records) {
        PersonRecord[] byId = records.toArray(PersonRecord[]::new);
        Arrays.sort(byId, Comparator.comparingInt(PersonRecord::recordId));
        return new RecordIndex(byId);
    }

    public int size() {
        return byId.length;
    }

    /** The records matching every filter given, sorted by record_id. */
    public List<PersonRecord> find(RecordFilter filter) {
        if (filter.isEmpty()) {
            throw new IllegalArgumentException("a lookup needs at least one filter");
        }
        HashRuns.Run candidates = narrowestRun(filter);
        List<PersonRecord> found = new ArrayList<>();
        // Positions ascend within a run, and positions are in record_id order.
        for (int i = 0; i < candidates.size(); i++) {
            PersonRecord record = byId[candidates.position(i)];
            if (filter.matches(record)) {
                found.add(record);
            }
        }
        return found;
    }

    private HashRuns.Run narrowestRun(RecordFilter filter) {
        HashRuns.Run byNameRun = filter.name() == null ? null : byName.find(KeyHash.of(filter.name()));
        HashRuns.Run otherRun;
        if (filter.location() != null && filter.year() != null) {
            otherRun = byLocationYear.find(KeyHash.of(filter.location(), filter.year()));
        } else if (filter.location() != null) {
            otherRun = byLocation.find(KeyHash.of(filter.location()));
        } else if (filter.year() != null) {
            otherRun = byYear.find(filter.year());
        } else {
            otherRun = null;
        }
        return Stream.of(byNameRun, otherRun).filter(run -> run != null)
                .min(Comparator.comparingInt(HashRuns.Run::size)).orElseThrow();
    }
}
