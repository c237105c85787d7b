package dev.mw.common.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The limits CONTRACT.md gives: both services' 400s and the data files hold to them. */
class QueryLimitsTest {

    @Test
    void theContractsLimits() {
        assertEquals(256, QueryLimits.MAX_TEXT_LENGTH);
        assertEquals(0, QueryLimits.MIN_YEAR);
        assertEquals(9999, QueryLimits.MAX_YEAR);
        assertEquals(64, QueryLimits.MAX_BATCH_SIZE);
        assertEquals(200, QueryLimits.MAX_QUERY_ID_LENGTH);
    }
}
