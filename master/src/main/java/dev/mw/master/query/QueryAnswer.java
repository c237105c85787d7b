package dev.mw.master.query;

import dev.mw.master.client.RecordsJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The 200 answer of {@code GET /api/records}. */
@RegisterForReflection
public record QueryAnswer(RecordsJson records, boolean partial, Shards shards) {

    @RegisterForReflection
    public record Shards(int total, int successful, int failed, List<ShardOutcome> details) {
    }
}
