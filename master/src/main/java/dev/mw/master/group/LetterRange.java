package dev.mw.master.group;

/** An inclusive span of lower-case letters, such as {@code a-m}. */
public record LetterRange(char from, char to) {

    public LetterRange {
        if (from > to) {
            throw new IllegalArgumentException("range " + from + "-" + to + " ends before it starts");
        }
    }

    public boolean contains(char c) {
        return c >= from && c <= to;
    }

    public boolean overlaps(LetterRange other) {
        return from <= other.to && other.from <= to;
    }

    @Override
    public String toString() {
        return from == to ? String.valueOf(from) : from + "-" + to;
    }
}
