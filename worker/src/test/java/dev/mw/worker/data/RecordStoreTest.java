package dev.mw.worker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.mw.worker.StartupFailure;
import dev.mw.worker.WorkerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** mw.range reaches the loader: the shipped nz file is not group am's. */
class RecordStoreTest {

    @Test
    void withoutARangeAnyNamesLoad() {
        RecordStore store = store(Optional.empty());
        store.load();
        assertEquals(8, store.size());
    }

    @Test
    void withARangeARecordOutsideItFailsTheLoad() {
        RecordStore store = store(Optional.of("a-m"));
        DataFileException e = assertThrows(DataFileException.class, store::load);
        assertTrue(e.problem().startsWith("record #0: record_id "), e.problem());
        assertTrue(e.problem().contains("is not in this worker's range a-m (mw.range)"), e.problem());
        assertFalse(store.isLoaded());
    }

    @Test
    void anUnreadableRangeFailsTheStart() {
        StartupFailure e = assertThrows(StartupFailure.class, () -> store(Optional.of("a to m")).load());
        assertTrue(e.getMessage().startsWith("mw.range 'a to m'"), e.getMessage());
    }

    private static RecordStore store(Optional<String> range) {
        return new RecordStore(new WorkerConfig() {
            @Override
            public String group() {
                return "am";
            }

            @Override
            public Optional<String> range() {
                return range;
            }

            @Override
            public Optional<String> id() {
                return Optional.empty();
            }

            @Override
            public List<String> masterUrl() {
                return List.of();
            }

            @Override
            public Optional<String> advertiseUrl() {
                return Optional.empty();
            }

            @Override
            public Optional<String> dataFile() {
                return Optional.of("../data/data-nz.json");
            }

            @Override
            public Duration heartbeat() {
                return Duration.ofSeconds(3);
            }

            @Override
            public Optional<String> token() {
                return Optional.empty();
            }

            @Override
            public Fault fault() {
                return null;
            }
        }, new SimpleMeterRegistry());
    }
}
