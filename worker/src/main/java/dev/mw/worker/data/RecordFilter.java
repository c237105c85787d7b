package dev.mw.worker.data;

import dev.mw.common.records.PersonRecord;

/**
 * The filters of one lookup, combined with AND. A {@code null} component is a filter not
 * given; {@code name} and {@code location} are held as {@link MatchKey}s.
 */
public record RecordFilter(String name, String location, Integer year) {

    public static RecordFilter of(String name, String location, Integer year) {
        return new RecordFilter(
                name == null ? null : MatchKey.of(name),
                location == null ? null : MatchKey.of(location),
                year);
    }

    public boolean isEmpty() {
        return name == null && location == null && year == null;
    }

    public boolean matches(PersonRecord record) {
        return (name == null || name.equals(MatchKey.of(record.name())))
                && (location == null || location.equals(MatchKey.of(record.location())))
                && (year == null || year == record.year());
    }
}
