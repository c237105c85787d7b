package dev.mw.master.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem detail, the body of every error answer. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail);
    }

    /** A 500 that names the exception's class only: its message may hold internals. */
    public static Problem unexpected(Throwable e) {
        return of(500, "Internal error", "unexpected error: " + e.getClass().getSimpleName());
    }
}
