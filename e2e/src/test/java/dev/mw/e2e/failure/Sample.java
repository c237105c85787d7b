package dev.mw.e2e.failure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mw.e2e.Envelope;
import java.util.List;
import java.util.Optional;

/**
 * One query the load sent and what came back.
 *
 * @param index      position in the run (queries are handed out in this order)
 * @param startNanos {@link System#nanoTime()} when it was sent
 * @param endNanos   {@link System#nanoTime()} when the answer (or the error) was in
 * @param status     HTTP status, or -1 when no answer came (connection refused, client timeout)
 * @param envelope   the decoded 200 answer, else null
 * @param problem    for a non-200: the problem's {@code title} and {@code detail}, or the I/O error
 */
public record Sample(int index, LoadQuery query, long startNanos, long endNanos, int status, Envelope envelope,
                     JsonNode problemJson, String problem) {

    public double latencyMs() {
        return (endNanos - startNanos) / 1_000_000d;
    }

    /** 200, not partial, every asked group answered ok, and exactly the expected records. */
    public boolean ok() {
        return status == 200 && envelope != null && !envelope.partial() && complete() && correctRecords();
    }

    /** 200 with every group of the query in {@code details}, in order, each {@code ok}. */
    private boolean complete() {
        return envelope.groups().equals(query.groups())
                && envelope.shards().details().stream().allMatch(d -> "ok".equals(d.status()));
    }

    /** The records match what the groups that answered ok hold. */
    public boolean correctRecords() {
        return envelope != null && envelope.records().equals(query.expectedFrom(okGroups()));
    }

    /** The groups whose detail is {@code ok}. */
    public List<String> okGroups() {
        return envelope == null ? List.of() : envelope.shards().details().stream()
                .filter(d -> "ok".equals(d.status()))
                .map(Envelope.ShardDetail::group)
                .toList();
    }

    /** The detail of {@code group} in a 200 answer. */
    public Optional<Envelope.ShardDetail> detail(String group) {
        return envelope == null ? Optional.empty()
                : envelope.shards().details().stream().filter(d -> group.equals(d.group())).findFirst();
    }

    /** The instance that answered {@code group} ok, if it did. */
    public Optional<String> answeredBy(String group) {
        return detail(group).filter(d -> "ok".equals(d.status())).map(Envelope.ShardDetail::worker);
    }

    public boolean startedAfter(long nanos) {
        return startNanos - nanos > 0;
    }

    public String problemTitle() {
        return problemJson == null ? "" : problemJson.path("title").asText();
    }

    public String problemDetail() {
        return problemJson == null ? "" : problemJson.path("detail").asText();
    }

    /** One line for an assertion message. */
    public String describe() {
        StringBuilder line = new StringBuilder("#").append(index).append(' ').append(query.pathAndQuery())
                .append(" -> ").append(status).append(String.format(" in %.1f ms", latencyMs()));
        if (envelope != null) {
            line.append(" partial=").append(envelope.partial()).append(" details=").append(envelope.shards().details());
            if (!correctRecords()) {
                line.append(" records=").append(envelope.records())
                        .append(" expected=").append(query.expectedFrom(okGroups()));
            }
        } else {
            line.append(' ').append(problem);
        }
        return line.toString();
    }
}
