package dev.mw.worker.registration;

import java.time.Duration;

/** The master's answer to a registration: how long it keeps us without a heartbeat, how often to beat. */
public record Lease(String id, int leaseSeconds, int heartbeatSeconds) {

    /** The configured heartbeat, or the master's if it asks for a shorter one. */
    Duration heartbeatInterval(Duration configured) {
        if (heartbeatSeconds <= 0) {
            return configured;
        }
        Duration asked = Duration.ofSeconds(heartbeatSeconds);
        return asked.compareTo(configured) < 0 ? asked : configured;
    }

    /** The lease; a master that names none is assumed to keep us three heartbeats long. */
    Duration duration(Duration heartbeatInterval) {
        return leaseSeconds > 0 ? Duration.ofSeconds(leaseSeconds) : heartbeatInterval.multipliedBy(3);
    }
}
