package dev.mw.worker.query;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.mw.worker.data.PersonRecord;

/** The answer of /api/records: the matching records of this worker's group. */
@JsonPropertyOrder({ "group", "worker", "records" })
public record RecordsResponse(String group, String worker, List<PersonRecord> records) {
}
