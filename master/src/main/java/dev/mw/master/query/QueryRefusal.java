package dev.mw.master.query;

import dev.mw.master.problem.ProblemException;
import java.util.List;

/**
 * A query a worker refused with a 4xx: the query's problem, so the whole query fails with it,
 * {@code allowPartial} or not (another group's records would hide that the query was not
 * understood). A 400 or 422 is about the query and the user can fix it: 400 with the worker's
 * reason. Any other 4xx (401, 404, ...) says the master and the worker disagree about the API,
 * which the user cannot fix: 502.
 */
final class QueryRefusal {

    static final String TITLE_BAD_GATEWAY = "Worker refused the query";

    private QueryRefusal() {
    }

    /** Throws the first refusal's problem, if any group refused the query. */
    static void throwIfRefused(List<ShardOutcome> outcomes) {
        for (ShardOutcome outcome : outcomes) {
            if (outcome.refused()) {
                throw problem(outcome);
            }
        }
    }

    static ProblemException problem(ShardOutcome refused) {
        int status = refused.refusalStatus();
        String detail = "group '" + refused.group() + "' refused the query: " + refused.error();
        return status == 400 || status == 422 ? ProblemException.badRequest(detail)
                : new ProblemException(502, TITLE_BAD_GATEWAY, detail);
    }
}
