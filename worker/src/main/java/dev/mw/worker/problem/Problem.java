package dev.mw.worker.problem;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem detail. {@code type} is a URN naming the kind of problem, so a client
 * can tell kinds apart without parsing {@code title} or {@code detail}.
 */
@JsonPropertyOrder({ "type", "title", "status", "detail" })
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final String TYPE_PREFIX = "urn:mw:problem:";

    /** A problem of kind {@code urn:mw:problem:<kind>}. */
    public static Problem of(String kind, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail);
    }
}
