package dev.mw.worker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class StringPoolTest {

    @Test
    void sharesEqualStrings() {
        StringPool pool = new StringPool(10);
        String first = share(pool, "Kansas City");

        assertSame(first, share(pool, "Kansas City"));
        assertSame(first, share(pool, "xKansas Cityx".toCharArray(), 1, 11));
        assertEquals("Kansas", share(pool, "Kansas"));
    }

    @Test
    void keepsValuesOfTheSameHashApart() {
        StringPool pool = new StringPool(10);
        assertEquals("Aa".hashCode(), "BB".hashCode());

        String aa = share(pool, "Aa");
        String bb = share(pool, "BB");

        assertEquals("BB", bb);
        assertSame(aa, share(pool, "Aa"));
        assertSame(bb, share(pool, "BB"));
    }

    @Test
    void sharesAcrossItsGrowth() {
        StringPool pool = new StringPool(StringPool.DEFAULT_MAX_SIZE);
        List<String> first = IntStream.range(0, 5000).mapToObj(i -> share(pool, "City" + i)).toList();

        for (int i = 0; i < first.size(); i++) {
            assertSame(first.get(i), share(pool, "City" + i));
        }
    }

    @Test
    void stopsLookingWhenAFieldHardlyRepeats() {
        StringPool pool = new StringPool(StringPool.DEFAULT_MAX_SIZE);
        IntStream.range(0, StringPool.TRIAL).forEach(i -> share(pool, "Unique " + i));

        String again = share(pool, "Unique 1");

        assertEquals("Unique 1", again);
        assertNotSame(again, share(pool, "Unique 1"));
    }

    @Test
    void stopsGrowingAtItsBound() {
        StringPool pool = new StringPool(1);
        String a = share(pool, "a");
        String b = share(pool, "b");

        assertSame(a, share(pool, "a"));
        assertNotSame(b, share(pool, "b"));
        assertEquals("b", share(pool, "b"));
    }

    private static String share(StringPool pool, String text) {
        return share(pool, text.toCharArray(), 0, text.length());
    }

    private static String share(StringPool pool, char[] chars, int offset, int length) {
        return pool.of(chars, offset, length);
    }
}
