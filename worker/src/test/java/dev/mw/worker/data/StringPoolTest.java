package dev.mw.worker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class StringPoolTest {

    @Test
    void sharesEqualStrings() {
        StringPool pool = new StringPool(10);
        String first = new String("Kansas City");

        assertSame(first, pool.share(first));
        assertSame(first, pool.share(new String("Kansas City")));
    }

    @Test
    void stopsGrowingAtItsBound() {
        StringPool pool = new StringPool(1);
        pool.share("a");
        String b = new String("b");

        assertSame(b, pool.share(b));
        assertNotSame(b, pool.share(new String("b")));
        assertEquals("b", pool.share(new String("b")));
    }
}
