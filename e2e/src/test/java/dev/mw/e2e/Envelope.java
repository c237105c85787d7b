package dev.mw.e2e;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The master's 200 answer to {@code GET /api/records}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Envelope(List<Person> records, boolean partial, Shards shards) {

    /** How many groups were asked and how each answered. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Shards(int total, int successful, int failed, List<ShardDetail> details) {
    }

    /** One group's answer: {@code status} is {@code ok} or {@code failed} (then with {@code error}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ShardDetail(String group, String worker, String status, double tookMs, String error) {
    }

    /** The groups in {@code details}, in order. */
    public List<String> groups() {
        return shards.details().stream().map(ShardDetail::group).toList();
    }
}
