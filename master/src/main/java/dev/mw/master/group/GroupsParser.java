package dev.mw.master.group;

import dev.mw.common.names.LetterRange;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses {@code mw.groups}: comma-separated {@code name=range} declarations where a range is one
 * or more letter spans joined by {@code +} ({@link LetterRange#parseAll}, as a worker reads its
 * {@code mw.range}) or listed again for the same group, e.g. {@code am=a-m,nz=n-z} or
 * {@code af=a-f,gm=g-m,nz=n-z}. Rejects anything ambiguous.
 */
public final class GroupsParser {

    private static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private GroupsParser() {
    }

    /** @throws IllegalArgumentException with a message that names the offending declaration */
    public static List<GroupSpec> parse(String declarations) {
        if (declarations == null || declarations.isBlank()) {
            throw new IllegalArgumentException("mw.groups is empty; declare groups like am=a-m,nz=n-z");
        }
        List<String> names = new ArrayList<>();
        List<List<LetterRange>> spans = new ArrayList<>();
        for (String part : declarations.split(",")) {
            String declaration = part.trim();
            if (declaration.isEmpty()) {
                throw new IllegalArgumentException("mw.groups '" + declarations + "' has an empty declaration");
            }
            int eq = declaration.indexOf('=');
            if (eq < 0) {
                // a bare span continues the previous group: am=a-f,g-m
                if (names.isEmpty()) {
                    throw new IllegalArgumentException("'" + declaration + "' is not name=range, e.g. am=a-m");
                }
                spans.get(spans.size() - 1).addAll(parseSpans(declaration, names.get(names.size() - 1)));
                continue;
            }
            String name = declaration.substring(0, eq).trim();
            if (!GROUP_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("group name '" + name
                        + "' must be a DNS label: lower-case letters, digits and '-'");
            }
            int existing = names.indexOf(name);
            List<LetterRange> ranges = parseSpans(declaration.substring(eq + 1).trim(), name);
            if (existing >= 0) {
                spans.get(existing).addAll(ranges);
            } else {
                names.add(name);
                spans.add(new ArrayList<>(ranges));
            }
        }
        List<GroupSpec> groups = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            groups.add(new GroupSpec(names.get(i), spans.get(i)));
        }
        rejectOverlaps(groups);
        return List.copyOf(groups);
    }

    /** The declaration's text has no comma left: the spans are joined by {@code +}. */
    private static List<LetterRange> parseSpans(String text, String group) {
        return LetterRange.parseAll(text, "group '" + group + "'");
    }

    private static void rejectOverlaps(List<GroupSpec> groups) {
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i; j < groups.size(); j++) {
                checkPair(groups.get(i), groups.get(j), i == j);
            }
        }
    }

    private static void checkPair(GroupSpec a, GroupSpec b, boolean same) {
        for (int x = 0; x < a.ranges().size(); x++) {
            for (int y = same ? x + 1 : 0; y < b.ranges().size(); y++) {
                LetterRange ra = a.ranges().get(x);
                LetterRange rb = b.ranges().get(y);
                if (ra.overlaps(rb)) {
                    String where = same ? "group '" + a.name() + "' lists " + ra + " and " + rb
                            : "groups '" + a.name() + "' (" + ra + ") and '" + b.name() + "' (" + rb + ")";
                    throw new IllegalArgumentException(where + " share letters; two groups may not share a letter");
                }
            }
        }
    }
}
