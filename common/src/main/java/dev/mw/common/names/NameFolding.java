package dev.mw.common.names;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one rule for which letter a name belongs to, shared by the master (which routes a name
 * to the group owning that letter) and the worker (which checks its records are its group's):
 * the first character after Unicode NFKD normalisation, with combining marks dropped and
 * lower-cased ({@code Émile -> e}, {@code ﬁona -> f}, {@code ｚｅｎ -> z}).
 */
public final class NameFolding {

    private NameFolding() {
    }

    /** The code point a name is routed by, or -1 for a name with nothing left after folding. */
    public static int routingCodePoint(String name) {
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
