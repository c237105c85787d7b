package dev.mw.worker.registration;

import java.time.Duration;

import dev.mw.common.registration.Lease;

/**
 * What this worker makes of the lease a master granted: how often to beat and how long the master
 * keeps us without a heartbeat. {@code granted} is null when the master's answer held no lease.
 */
record LeaseTerms(Lease granted) {

    /** The configured heartbeat, or the master's if it asks for a shorter one. */
    Duration heartbeatInterval(Duration configured) {
        if (granted == null || granted.heartbeatSeconds() <= 0) {
            return configured;
        }
        Duration asked = Duration.ofSeconds(granted.heartbeatSeconds());
        return asked.compareTo(configured) < 0 ? asked : configured;
    }

    /** The lease; a master that names none is assumed to keep us three heartbeats long. */
    Duration duration(Duration heartbeatInterval) {
        return granted != null && granted.leaseSeconds() > 0
                ? Duration.ofSeconds(granted.leaseSeconds())
                : heartbeatInterval.multipliedBy(3);
    }
}
