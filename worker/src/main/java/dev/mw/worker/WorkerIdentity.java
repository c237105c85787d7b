package dev.mw.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

/** Who this worker is: its id and group, and the host name its defaults come from. */
@ApplicationScoped
public class WorkerIdentity {

    private final String id;
    private final String group;

    public WorkerIdentity(WorkerConfig config) {
        this.group = config.group();
        this.id = config.id().orElseGet(() -> firstLabel(hostName()));
    }

    public String id() {
        return id;
    }

    public String group() {
        return group;
    }

    /** This host's name as the OS reports it; {@code localhost} when it cannot be found. */
    public static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    static String firstLabel(String hostName) {
        int dot = hostName.indexOf('.');
        String label = dot < 0 ? hostName : hostName.substring(0, dot);
        return label.toLowerCase(Locale.ROOT);
    }
}
