package dev.mw.master.group;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps a name to the group that owns it: the first character after Unicode NFKD normalisation,
 * with combining marks dropped and lower-cased ({@code Émile -> e}). Hand-written: routing is the
 * heart of the project.
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
        int first = routingCodePoint(name);
        if (first >= 0 && first < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
            for (GroupSpec group : groups) {
                if (group.owns((char) first)) {
                    return group;
                }
            }
        }
        throw new UnroutableNameException(name, first);
    }

    /** The code point a name is routed by, or -1 for a name with nothing left after folding. */
    static int routingCodePoint(String name) {
        String folded = Normalizer.normalize(name.strip(), Normalizer.Form.NFKD);
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            if (Character.getType(cp) != Character.NON_SPACING_MARK
                    && Character.getType(cp) != Character.COMBINING_SPACING_MARK
                    && Character.getType(cp) != Character.ENCLOSING_MARK) {
                return new String(Character.toChars(cp)).toLowerCase(Locale.ROOT).codePointAt(0);
            }
            i += Character.charCount(cp);
        }
        return -1;
    }
}
