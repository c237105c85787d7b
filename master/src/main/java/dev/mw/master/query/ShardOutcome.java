package dev.mw.master.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mw.master.client.RecordsJson;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The result of asking one group, made once per group: its records, or why no instance answered.
 * Written as the group's entry in {@code shards.details} ({@code ok}, or {@code failed} with the
 * last error); the records go into the answer's {@code records} instead. {@code refusalStatus} is
 * the worker's 4xx when it refused the query itself, else 0.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardOutcome(String group, String worker, String status, double tookMs, String error,
                           @JsonIgnore RecordsJson records, @JsonIgnore int refusalStatus) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";

    static ShardOutcome ok(String group, String worker, double tookMs, RecordsJson records) {
        return new ShardOutcome(group, worker, OK, tookMs, null, records, 0);
    }

    static ShardOutcome failed(String group, String worker, double tookMs, String error) {
        return new ShardOutcome(group, worker, FAILED, tookMs, error, RecordsJson.EMPTY, 0);
    }

    /** The worker answered {@code status} (a 4xx) for the query itself: no other replica was asked. */
    static ShardOutcome refused(String group, String worker, double tookMs, String error, int status) {
        return new ShardOutcome(group, worker, FAILED, tookMs, error, RecordsJson.EMPTY, status);
    }

    boolean ok() {
        return OK.equals(status);
    }

    boolean refused() {
        return refusalStatus != 0;
    }
}
