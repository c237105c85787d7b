package dev.mw.master.query;

import dev.mw.master.client.RecordsJson;

/**
 * The result of asking one group: its records, or why no instance answered. {@code refusalStatus}
 * is the worker's 4xx when it refused the query itself, else 0.
 */
record ShardOutcome(ShardDetail detail, RecordsJson records, int refusalStatus) {

    static ShardOutcome ok(String group, String worker, double tookMs, RecordsJson records) {
        return new ShardOutcome(new ShardDetail(group, worker, ShardDetail.OK, tookMs, null), records, 0);
    }

    static ShardOutcome failed(String group, String worker, double tookMs, String error) {
        return new ShardOutcome(new ShardDetail(group, worker, ShardDetail.FAILED, tookMs, error), RecordsJson.EMPTY, 0);
    }

    /** The worker answered {@code status} (a 4xx) for the query itself: no other replica was asked. */
    static ShardOutcome refused(String group, String worker, double tookMs, String error, int status) {
        return new ShardOutcome(new ShardDetail(group, worker, ShardDetail.FAILED, tookMs, error), RecordsJson.EMPTY,
                status);
    }

    boolean ok() {
        return detail.ok();
    }

    boolean refused() {
        return refusalStatus != 0;
    }
}
