package dev.mw.worker.data;

import java.util.Locale;

/** How names and locations are compared: surrounding spaces trimmed, case ignored. */
public final class MatchKey {

    private MatchKey() {
    }

    public static String of(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
