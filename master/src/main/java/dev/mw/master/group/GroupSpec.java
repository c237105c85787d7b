package dev.mw.master.group;

import dev.mw.common.names.LetterRange;
import java.util.List;
import java.util.stream.Collectors;

/** A worker group (shard): its name and the first letters of the names it owns. */
public record GroupSpec(String name, List<LetterRange> ranges) {

    public GroupSpec {
        ranges = List.copyOf(ranges);
    }

    public boolean owns(char firstLetter) {
        return ranges.stream().anyMatch(r -> r.contains(firstLetter));
    }

    /** The ranges as declared, e.g. {@code a-f,g-m}. */
    public String rangeText() {
        return ranges.stream().map(LetterRange::toString).collect(Collectors.joining(","));
    }
}
