package dev.mw.worker.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.mw.common.records.BatchAnswer;
import dev.mw.common.records.BatchResponse;
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

/** Answers /api/records queries, one or a batch, from the loaded group, timing each index lookup. */
@ApplicationScoped
public class RecordLookup {

    private static final Logger LOG = Logger.getLogger(RecordLookup.class);
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

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
        List<PersonRecord> records = find(loadedIndex(), filter);
        return new RecordsResponse(identity.group(), identity.id(), records);
    }

    /** Every query of a batch, in order: a refused one is answered with its refusal, the others all the same. */
    public BatchResponse answerBatch(List<BatchEntry> queries) {
        RecordIndex index = loadedIndex();
        List<BatchAnswer> answers = new ArrayList<>(queries.size());
        for (BatchEntry query : queries) {
            answers.add(query.refusal() == null
                    ? BatchAnswer.found(find(index, query.filter()))
                    : BatchAnswer.refused(query.refusal().status(), query.refusal().detail()));
        }
        if (LOG.isDebugEnabled()) {
            logIds(queries, answers);
        }
        return new BatchResponse(identity.group(), identity.id(), answers);
    }

    private List<PersonRecord> find(RecordIndex index, RecordFilter filter) {
        return lookups.record(() -> index.find(filter));
    }

    private RecordIndex loadedIndex() {
        return store.index().orElseThrow(RecordLookup::notLoaded);
    }

    // The access log names one request id per request; a batch carries one per query. An id
    // is the client's text: control characters are masked, so that it cannot forge log lines.
    private static void logIds(List<BatchEntry> queries, List<BatchAnswer> answers) {
        for (int i = 0; i < queries.size(); i++) {
            String id = queries.get(i).id();
            BatchAnswer answer = answers.get(i);
            String outcome = answer.records() != null ? answer.records().size() + " records"
                    : "refused (" + answer.status() + "): " + answer.detail();
            LOG.debugf("rid=%s batch query %d of %d: %s", id == null ? "-" : CONTROL.matcher(id).replaceAll("?"),
                    i + 1, queries.size(), outcome);
        }
    }

    private static ProblemException notLoaded() {
        return new ProblemException(Problem.of("not-ready", "Data not loaded", 503,
                "This worker has not loaded its data file (yet)."));
    }
}
