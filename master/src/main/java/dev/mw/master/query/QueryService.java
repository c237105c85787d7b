package dev.mw.master.query;

import dev.mw.master.client.RecordsJson;
import dev.mw.master.group.GroupSpec;
import dev.mw.master.group.ShardRouter;
import dev.mw.master.group.UnroutableNameException;
import dev.mw.master.problem.ProblemException;
import dev.mw.master.time.Ticker;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Answers a query: a name goes to its one group, anything else is scattered to every group in
 * parallel and gathered in group order. Decides between a complete answer, a partial one and 503.
 */
@ApplicationScoped
public class QueryService {

    static final String UNAVAILABLE = "Worker group unavailable";
    /** A group that stays down is logged at most this often (plus its first failure and its recovery). */
    static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(10);

    private final ShardRouter router;
    private final GroupCaller caller;
    private final GroupFailureLog failureLog;

    QueryService(ShardRouter router, GroupCaller caller, Ticker ticker) {
        this.router = router;
        this.caller = caller;
        this.failureLog = new GroupFailureLog(ticker, FAILURE_LOG_INTERVAL, GroupFailureLog.LOG);
    }

    /** Never throws: a name no group owns is a failed Uni, like every other problem. */
    public Uni<QueryAnswer> query(RecordQuery query) {
        List<GroupSpec> groups;
        try {
            groups = query.byName() ? List.of(router.route(query.name())) : router.groups();
        } catch (UnroutableNameException e) {
            return Uni.createFrom().failure(ProblemException.badRequest(e.getMessage()));
        }
        List<Uni<ShardOutcome>> calls = groups.stream().map(g -> caller.call(g, query)).toList();
        if (calls.size() == 1) {
            return calls.get(0).map(outcome -> answer(List.of(outcome), query));
        }
        return Uni.join().all(calls).andFailFast().map(outcomes -> answer(outcomes, query));
    }

    /** A query a worker refused fails as a whole ({@link QueryRefusal}); otherwise {@link #gather} decides. */
    private QueryAnswer answer(List<ShardOutcome> outcomes, RecordQuery query) {
        QueryRefusal.throwIfRefused(outcomes);
        return gather(outcomes, query);
    }

    private QueryAnswer gather(List<ShardOutcome> outcomes, RecordQuery query) {
        List<ShardOutcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        for (ShardOutcome o : outcomes) {
            if (o.ok()) {
                failureLog.answered(o.group());
            } else {
                failureLog.failed(o.group(), query.requestId(), o.error());
            }
        }
        if (failed.size() == outcomes.size() || (!failed.isEmpty() && !query.allowPartial())) {
            throw unavailable(failed);
        }
        RecordsJson records = RecordsJson.concat(outcomes.stream().map(ShardOutcome::records).toList());
        return new QueryAnswer(records, !failed.isEmpty(),
                new QueryAnswer.Shards(outcomes.size(), outcomes.size() - failed.size(), failed.size(), outcomes));
    }

    private static ProblemException unavailable(List<ShardOutcome> failed) {
        String detail = failed.stream()
                .map(o -> "group '" + o.group() + "': " + o.error())
                .collect(Collectors.joining("; "));
        return new ProblemException(503, UNAVAILABLE, detail);
    }
}
