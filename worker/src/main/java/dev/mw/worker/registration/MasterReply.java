package dev.mw.worker.registration;

import dev.mw.common.registration.Lease;

/**
 * What a call to a master came to: an HTTP status (0 when the master could not be reached),
 * the lease of a successful registration, and a short description of any problem.
 */
record MasterReply(int status, Lease lease, String problem) {

    static final int UNREACHABLE = 0;

    static MasterReply ok(int status, Lease lease) {
        return new MasterReply(status, lease, "");
    }

    static MasterReply unreachable(String cause) {
        return new MasterReply(UNREACHABLE, null, cause);
    }

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    boolean isClientError() {
        return status >= 400 && status < 500;
    }

    /** {@code connection refused} or {@code HTTP 401: ...}, for the log. */
    String describe() {
        if (status == UNREACHABLE) {
            return problem;
        }
        return "HTTP " + status + (problem.isEmpty() ? "" : ": " + problem);
    }
}
