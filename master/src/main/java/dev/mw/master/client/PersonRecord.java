package dev.mw.master.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One record as the workers return it and the master passes it on. */
@RegisterForReflection
public record PersonRecord(@JsonProperty("record_id") long recordId, String name, String location, int year) {
}
