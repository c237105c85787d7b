package dev.mw.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerMainTest {

    @AfterEach
    void clear() {
        System.clearProperty("mw.test.one");
        System.clearProperty("mw.test.two");
    }

    @Test
    void turnsDashDArgumentsIntoSystemPropertiesAndKeepsTheRest() {
        String[] rest = WorkerMain.applySystemProperties("-Dmw.test.one=a", "other", "-Dmw.test.two=b=c", "-D", "-Dx");

        assertEquals("a", System.getProperty("mw.test.one"));
        assertEquals("b=c", System.getProperty("mw.test.two"));
        assertArrayEquals(new String[] { "other", "-D", "-Dx" }, rest);
    }
}
