package dev.mw.master.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mw.master.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRefusalTest {

    private static ShardOutcome refused(int status) {
        return ShardOutcome.refused("nz", "nz-0", 1.5, "nz-0: answered HTTP " + status + ": no", status);
    }

    @Test
    void aQueryTheWorkerFoundInvalidIsTheUsers400WithTheWorkersReason() {
        for (int status : new int[] {400, 422}) {
            ProblemException problem = QueryRefusal.problem(refused(status));
            assertEquals(400, problem.problem().status());
            assertEquals("group 'nz' refused the query: nz-0: answered HTTP " + status + ": no", problem.problem().detail());
        }
    }

    @Test
    void anyOther4xxIsADisagreementBetweenMasterAndWorker() {
        assertEquals(502, QueryRefusal.problem(refused(404)).problem().status());
        assertEquals(502, QueryRefusal.problem(refused(401)).problem().status());
    }

    @Test
    void oneRefusingGroupFailsTheWholeQuery() {
        ShardOutcome answered = ShardOutcome.ok("am", "am-0", 1, dev.mw.master.client.RecordsJson.EMPTY);
        ShardOutcome failed = ShardOutcome.failed("am", "am-1", 1, "am-1: answered HTTP 503");
        QueryRefusal.throwIfRefused(List.of(answered, failed)); // failures are not refusals
        assertThrows(ProblemException.class, () -> QueryRefusal.throwIfRefused(List.of(answered, refused(400))));
    }
}
