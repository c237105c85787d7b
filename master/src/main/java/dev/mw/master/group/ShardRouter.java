package dev.mw.master.group;

import dev.mw.common.names.NameFolding;
import java.util.List;
import java.util.Optional;

/**
 * Maps a name to the group that owns it by the first character after folding
 * ({@link NameFolding}: Unicode NFKD, combining marks dropped, lower-cased: {@code Émile -> e}),
 * the same rule the workers check their records with. Hand-written: routing is the heart of the project.
 */
public final class ShardRouter {

    private final List<GroupSpec> groups;

    public ShardRouter(List<GroupSpec> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("at least one group is required");
        }
        this.groups = List.copyOf(groups);
    }

    /** The groups in declaration order: the order of scatter results. */
    public List<GroupSpec> groups() {
        return groups;
    }

    public Optional<GroupSpec> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** @throws UnroutableNameException when no group owns the name's first character */
    public GroupSpec route(String name) {
        int first = NameFolding.routingCodePoint(name);
        if (first >= 0 && first < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
            for (GroupSpec group : groups) {
                if (group.owns((char) first)) {
                    return group;
                }
            }
        }
        throw new UnroutableNameException(name, first);
    }
}
