package dev.mw.worker.query;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.mw.common.records.PersonRecord;
import dev.mw.common.records.RecordsResponse;
import dev.mw.worker.WorkerIdentity;
import dev.mw.worker.data.RecordFilter;
import dev.mw.worker.data.RecordIndex;
import dev.mw.worker.data.RecordStore;
import dev.mw.worker.problem.Problem;
import dev.mw.worker.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Answers one /api/records query from the loaded group, timing the index lookup. */
@ApplicationScoped
public class RecordLookup {

    private final RecordStore store;
    private final WorkerIdentity identity;
    private final Timer lookups;

    public RecordLookup(RecordStore store, WorkerIdentity identity, MeterRegistry registry) {
        this.store = store;
        this.identity = identity;
        this.lookups = Timer.builder("mw.worker.lookup")
                .description("Time to find the records of one query in the index")
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofNanos(1_000))
                .maximumExpectedValue(java.time.Duration.ofMillis(100))
                .register(registry);
    }

    public RecordsResponse answer(Map<String, List<String>> queryParameters) {
        RecordFilter filter = QueryParser.parse(queryParameters);
        RecordIndex index = store.index().orElseThrow(RecordLookup::notLoaded);
        List<PersonRecord> records = lookups.record(() -> index.find(filter));
        return new RecordsResponse(identity.group(), identity.id(), records);
    }

    private static ProblemException notLoaded() {
        return new ProblemException(Problem.of("not-ready", "Data not loaded", 503,
                "This worker has not loaded its data file (yet)."));
    }
}
