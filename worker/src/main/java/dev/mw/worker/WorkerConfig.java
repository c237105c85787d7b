package dev.mw.worker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The worker's {@code mw.*} settings; application.properties documents each key. */
@ConfigMapping(prefix = "mw")
public interface WorkerConfig {

    /** The group (shard) this worker serves, e.g. {@code am}. */
    String group();

    /**
     * The first letters the group owns, as in the master's {@code mw.groups} ({@code a-m}); when
     * set, a record whose name is outside it is a data error at load. Not checked when unset.
     */
    Optional<String> range();

    /** Instance id; defaults to this host's name (see {@link WorkerIdentity}). */
    Optional<String> id();

    /** Every master this worker registers at. */
    @WithDefault("http://localhost:8080")
    List<String> masterUrl();

    /** URL the master calls this worker at; defaults to {@code http://<host>:<actual port>}. */
    Optional<String> advertiseUrl();

    /** Data file; defaults to {@code data/data-<group>.json}, relative to the working directory (see RecordStore). */
    Optional<String> dataFile();

    @WithDefault("3s")
    Duration heartbeat();

    /** Shared registration secret sent as a bearer token; empty means none. */
    Optional<String> token();

    Fault fault();

    interface Fault {

        /** Latency added to every /api/records answer. */
        @WithDefault("0")
        Duration delay();

        /** Share (0..1) of /api/records requests answered with a 500 problem. */
        @WithDefault("0")
        double errorRate();
    }

    default String dataFileOrDefault() {
        return dataFile().orElse("data/data-" + group() + ".json");
    }
}
