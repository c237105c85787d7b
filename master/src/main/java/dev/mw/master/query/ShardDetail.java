package dev.mw.master.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** How one group answered: {@code ok}, or {@code failed} with the last error. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardDetail(String group, String worker, String status, double tookMs, String error) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public boolean ok() {
        return OK.equals(status);
    }
}
