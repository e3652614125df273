package io.mekong.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An erasure request as GET /api/erasures/{id} shows it: where it came from, what it erased (counts and hashed keys,
 * never the data), its status overall and per part (store, inbox, dead letters, targets), and per destination that
 * must confirm it: {@code [{destination, connector, status: pending|completed|failed, detail, confirmedAt}]}. It is
 * {@code completed} when every part is.
 */
public record ErasureRequest(long id, String workspace, Long profile, String origin, String status, JsonNode parts,
                             JsonNode targets, JsonNode subject, String requestedBy, Instant requestedAt, Instant completedAt) {
}
