package dev.mw.worker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyHashTest {

    private static final String ALPHABET = "aZm Nz\t\u00a0\u2003É\u0130ßÖ\u00e9 -'.9\u001f";

    @Test
    void hashOfTextIsTheHashOfItsMatchKey() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String value = text.toString();
            assertEquals(KeyHash.of(MatchKey.of(value)), KeyHash.ofText(value), () -> "for '" + value + "'");
        }
    }

    @Test
    void plainCasesAgree() {
        for (String value : new String[] {"", " ", "Alice", "  ALICE  ", "Kansas City", "İstanbul", "Émile"}) {
            assertEquals(KeyHash.of(MatchKey.of(value)), KeyHash.ofText(value), value);
        }
    }
}
