package io.mekong.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A rejected record: why, and the original payload as the source sent it. Or, with a {@code destination}, an event a
 * destination's target refused: the payload is the event as published, the connection the target's.
 *
 * @param destinationId the destination's global id (null for a source's letter); @param destination its API id
 */
public record DeadLetterView(long id, String workspace, String connection, String entity, String externalId, Long runId,
                             String reason, JsonNode payload, String status, int attempts, Instant createdAt,
                             Instant updatedAt, @JsonIgnore Long destinationId, String destination) {

    public DeadLetterView withConnection(String name) {
        return new DeadLetterView(id, workspace, name, entity, externalId, runId, reason, payload, status, attempts,
                createdAt, updatedAt, destinationId, destination);
    }

    public DeadLetterView withDestination(String name) {
        return new DeadLetterView(id, workspace, connection, entity, externalId, runId, reason, payload, status, attempts,
                createdAt, updatedAt, destinationId, name);
    }
}
