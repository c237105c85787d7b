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
    private volatile RecordIndex index;

    public RecordStore(WorkerConfig config, MeterRegistry registry) {
        this.group = config.group();
        this.file = Path.of(config.dataFileOrDefault());
        Gauge.builder("mw.worker.records", this, RecordStore::size)
                .description("Records loaded from the data file")
                .tag("group", group)
                .register(registry);
    }

    /** Loads and indexes the data file; throws {@link DataFileException} and stays empty on any problem. */
    public void load() {
        long started = System.nanoTime();
        List<PersonRecord> records = RecordLoader.load(file);
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
