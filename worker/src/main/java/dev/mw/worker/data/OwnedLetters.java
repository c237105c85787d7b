package dev.mw.worker.data;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mw.common.names.NameFolding;
import dev.mw.worker.StartupFailure;

/**
 * The first letters this worker's group owns ({@code mw.range}), written as in the master's
 * {@code mw.groups}: a letter or a span, several joined by {@code +} or {@code ,}
 * ({@code a-m}, {@code a-f+x-z}). A name belongs to them by {@link NameFolding}, the rule the
 * master routes by.
 */
public final class OwnedLetters {

    private static final Pattern SPAN = Pattern.compile("([a-z])(?:-([a-z]))?");

    private final String text;
    private final boolean[] owned = new boolean[26];

    private OwnedLetters(String text) {
        this.text = text;
    }

    /** @throws StartupFailure naming {@code mw.range} when the text is not a range */
    public static OwnedLetters parse(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw new StartupFailure("mw.range is empty; write the group's letters as in mw.groups, e.g. a-m");
        }
        OwnedLetters letters = new OwnedLetters(text);
        for (String part : text.split("[+,]", -1)) {
            Matcher m = SPAN.matcher(part.strip());
            if (!m.matches()) {
                throw new StartupFailure("mw.range '" + value + "' has '" + part.strip()
                        + "'; a range is a letter or a letter span like a-m, several joined by +");
            }
            char from = m.group(1).charAt(0);
            char to = m.group(2) == null ? from : m.group(2).charAt(0);
            if (from > to) {
                throw new StartupFailure("mw.range '" + value + "': " + from + "-" + to + " ends before it starts");
            }
            for (char c = from; c <= to; c++) {
                letters.owned[c - 'a'] = true;
            }
        }
        return letters;
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
