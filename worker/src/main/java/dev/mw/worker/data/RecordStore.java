package dev.mw.worker.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.mw.worker.WorkerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The group's records once loaded; empty until the data file has loaded in full. */
@ApplicationScoped
public class RecordStore {

    private static final Logger LOG = Logger.getLogger(RecordStore.class);

    private final String group;
    private final Path file;
    private final Optional<String> range;
    private volatile RecordIndex index;

    public RecordStore(WorkerConfig config, MeterRegistry registry) {
        this.group = config.group();
        this.file = Path.of(config.dataFileOrDefault());
        this.range = config.range();
        Gauge.builder("mw.worker.records", this, RecordStore::size)
                .description("Records loaded from the data file")
                .tag("group", group)
                .register(registry);
    }

    /**
     * Loads and indexes the data file, checking names against {@code mw.range} when it is set;
     * throws a {@link dev.mw.worker.StartupFailure} ({@link DataFileException} for the file) and
     * stays empty on any problem.
     */
    public void load() {
        long started = System.nanoTime();
        List<PersonRecord> records;
        if (range.isPresent()) {
            records = RecordLoader.load(file, OwnedLetters.parse(range.get()));
        } else {
            LOG.infof("mw.range is not set: the names of group %s's records are not checked against its letters", group);
            records = RecordLoader.load(file);
        }
        index = RecordIndex.of(records);
        LOG.infof("Loaded %d records of group %s from %s in %d ms",
                records.size(), group, file, (System.nanoTime() - started) / 1_000_000);
    }

    public Optional<RecordIndex> index() {
        return Optional.ofNullable(index);
    }

    public boolean isLoaded() {
        return index != null;
    }

    public int size() {
        RecordIndex loaded = index;
        return loaded == null ? 0 : loaded.size();
    }

    public String group() {
        return group;
    }

    public Path file() {
        return file;
    }
}
