package dev.mw.master.client;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** A worker's answer to {@code GET /api/records}. */
@RegisterForReflection
public record WorkerAnswer(String group, String worker, List<PersonRecord> records) {

    public WorkerAnswer {
        records = records == null ? List.of() : records;
    }
}
