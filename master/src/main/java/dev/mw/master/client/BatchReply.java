package dev.mw.master.client;

import java.util.List;

/** A worker's answer to {@code POST /api/records/batch}: one part per query, in the queries' order. */
public record BatchReply(String group, String worker, List<BatchPart> parts) {
}
