package io.mekong.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A rejected record: why, and the original payload as the source sent it. */
public record DeadLetterView(long id, String workspace, String connection, String entity, String externalId, Long runId,
                             String reason, JsonNode payload, String status, int attempts, Instant createdAt,
                             Instant updatedAt) {

    public DeadLetterView withConnection(String name) {
        return new DeadLetterView(id, workspace, name, entity, externalId, runId, reason, payload, status, attempts,
                createdAt, updatedAt);
    }
}
