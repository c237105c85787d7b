package dev.mw.worker.data;

import java.util.List;
import java.util.Locale;

import dev.mw.common.names.LetterRange;
import dev.mw.common.names.NameFolding;
import dev.mw.worker.StartupFailure;

/**
 * The first letters this worker's group owns ({@code mw.range}), written as in the master's
 * {@code mw.groups} and read by the same {@link LetterRange#parseAll}: a letter or a span,
 * several joined by {@code +} or {@code ,} ({@code a-m}, {@code a-f+x-z}). A name belongs to
 * them by {@link NameFolding}, the rule the master routes by.
 */
public final class OwnedLetters {

    private final String text;
    /** By letter, a to z: a data file's every record asks, so one array look-up. */
    private final boolean[] owned = new boolean[26];

    private OwnedLetters(String text, List<LetterRange> ranges) {
        this.text = text;
        for (LetterRange range : ranges) {
            for (char c = range.from(); c <= range.to(); c++) {
                owned[c - 'a'] = true;
            }
        }
    }

    /** @throws StartupFailure naming {@code mw.range} when the text is not a range */
    public static OwnedLetters parse(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw new StartupFailure("mw.range is empty; write the group's letters as in mw.groups, e.g. a-m");
        }
        try {
            return new OwnedLetters(text, LetterRange.parseAll(text, "mw.range '" + value + "'"));
        } catch (IllegalArgumentException e) {
            throw new StartupFailure(e.getMessage());
        }
    }

    /** Whether the name's folded first letter is one of these. */
    public boolean owns(String name) {
        int first = NameFolding.routingCodePoint(name);
        return first >= 'a' && first <= 'z' && owned[first - 'a'];
    }

    @Override
    public String toString() {
        return text;
    }
}
