package dev.mw.common.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inclusive span of lower-case letters, such as {@code a-m}: which first letters (after
 * {@link NameFolding}) a group owns. The master reads a group's ranges from {@code mw.groups},
 * a worker its own from {@code mw.range}; both with {@link #parseAll}.
 */
public record LetterRange(char from, char to) {

    private static final Pattern SPAN = Pattern.compile("([a-z])(?:-([a-z]))?");

    public LetterRange {
        if (from < 'a' || from > 'z' || to < 'a' || to > 'z') {
            throw new IllegalArgumentException("range " + from + "-" + to + " is not of the letters a-z");
        }
        if (from > to) {
            throw new IllegalArgumentException("range " + from + "-" + to + " ends before it starts");
        }
    }

    /**
     * Reads one or more spans joined by {@code +} or {@code ,} ({@code a-m}, {@code a-f+x-z},
     * {@code A-C+x,z}), ignoring case and the spaces around each span.
     *
     * @param subject what the text is, for the messages, e.g. {@code group 'am'} or {@code mw.range 'a-m'}
     * @throws IllegalArgumentException naming the subject and the span it cannot read
     */
    public static List<LetterRange> parseAll(String text, String subject) {
        List<LetterRange> ranges = new ArrayList<>();
        for (String part : text.split("[+,]", -1)) {
            String span = part.strip();
            Matcher m = SPAN.matcher(span.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException(subject + " has '" + span
                        + "'; a range is a letter or a letter span like a-m, several joined by +");
            }
            char from = m.group(1).charAt(0);
            char to = m.group(2) == null ? from : m.group(2).charAt(0);
            if (from > to) {
                throw new IllegalArgumentException(subject + ": range " + from + "-" + to + " ends before it starts");
            }
            ranges.add(new LetterRange(from, to));
        }
        return List.copyOf(ranges);
    }

    /** Whether the code point, e.g. a name's {@link NameFolding#routingCodePoint}, is one of these letters. */
    public boolean contains(int codePoint) {
        return codePoint >= from && codePoint <= to;
    }

    public boolean overlaps(LetterRange other) {
        return from <= other.to && other.from <= to;
    }

    /** {@code a-m}, or {@code x} for a single letter: the form {@link #parseAll} reads. */
    @Override
    public String toString() {
        return from == to ? String.valueOf(from) : from + "-" + to;
    }
}
