package dev.mw.worker.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.mw.common.records.PersonRecord;
import dev.mw.worker.WorkerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The group's records once loaded; empty until the data file has loaded in full.
 *
 * <p>The data file is {@code mw.data-file}, or by default {@code data/data-<group>.json} in the
 * working directory. When that default is not there (a jar started outside the repository), the
 * group's data shipped in the worker jar is served, and the log says so; a file given in
 * {@code mw.data-file} is the only one ever read.
 */
@ApplicationScoped
public class RecordStore {

    private static final Logger LOG = Logger.getLogger(RecordStore.class);

    private static final String SHIPPED = "data/data-%s.json";

    private final String group;
    private final Path file;
    private final boolean explicit;
    private final Optional<String> range;
    private volatile RecordIndex index;

    public RecordStore(WorkerConfig config, MeterRegistry registry) {
        this.group = config.group();
        this.file = Path.of(config.dataFileOrDefault());
        this.explicit = config.dataFile().isPresent();
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
        String source = file.toString();
        OwnedLetters letters = range.map(OwnedLetters::parse).orElse(null);
        if (letters == null) {
            LOG.infof("mw.range is not set: the names of group %s's records are not checked against its letters", group);
        }
        List<PersonRecord> records;
        if (explicit || Files.exists(file)) {
            records = RecordLoader.load(file, letters);
        } else {
            String shipped = String.format(SHIPPED, group);
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(shipped)) {
                if (in == null) {
                    throw new DataFileException(file, "file not found in the working directory "
                            + Path.of("").toAbsolutePath() + "; give the file with -Dmw.data-file=/path/to/data-"
                            + group + ".json (or MW_DATA_FILE)");
                }
                source = shipped + " shipped in the worker jar (no " + file + " in " + Path.of("").toAbsolutePath() + ")";
                records = RecordLoader.load(shipped + " (shipped in the worker jar)", in, letters);
            } catch (IOException e) {
                throw new DataFileException(shipped, "cannot read the data shipped in the worker jar: " + e.getMessage());
            }
        }
        index = RecordIndex.of(records);
        LOG.infof("Loaded %d records of group %s from %s in %d ms",
                records.size(), group, source, (System.nanoTime() - started) / 1_000_000);
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
