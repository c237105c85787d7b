package dev.mw.master.query;

import dev.mw.master.client.RecordsJson;

/** The result of asking one group: its records, or why no instance answered. */
record ShardOutcome(ShardDetail detail, RecordsJson records) {

    static ShardOutcome ok(String group, String worker, double tookMs, RecordsJson records) {
        return new ShardOutcome(new ShardDetail(group, worker, ShardDetail.OK, tookMs, null), records);
    }

    static ShardOutcome failed(String group, String worker, double tookMs, String error) {
        return new ShardOutcome(new ShardDetail(group, worker, ShardDetail.FAILED, tookMs, error), RecordsJson.EMPTY);
    }

    boolean ok() {
        return detail.ok();
    }
}
