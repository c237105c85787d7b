package dev.mw.master.properties;

import java.util.Random;

/**
 * Seeded generators for property tests: the same seed gives the same cases, so a failure
 * names its seed and repeats. Strings mix ASCII, accents, combining marks, other scripts,
 * symbols, control characters and surrogate pairs.
 */
final class Gen {

    private static final String[] ALPHABETS = {
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "0123456789 -_.,;:!?'\"()[]{}<>/\\|@#$%^&*+=~`",
        "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿ",
        "\u0300\u0301\u0302\u0308\u0327\u20DD",
        "ΑΒΓΔαβγδЖЗИЙжзийאבגדاب漢字かなカナ한글",
        "\u0000\u0001\t\n\r\u001f\u007f\u00a0\u2028\u200b\ufeff",
        "ﬁﬂｚｅｎＡＢＣ①②ℌℍ",
    };
    private static final String[] ASTRAL = {"😀", "𝔄", "𐐀", "🏳️‍🌈"};

    private final Random random;

    Gen(long seed) {
        this.random = new Random(seed);
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    String string(int maxLength) {
        int length = between(0, maxLength);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            if (chance(0.03)) {
                sb.append(pick(ASTRAL));
            } else {
                String alphabet = ALPHABETS[chance(0.6) ? 0 : random.nextInt(ALPHABETS.length)];
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return sb.toString();
    }

    String letters(int min, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = between(min, max); i > 0; i--) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }
}
