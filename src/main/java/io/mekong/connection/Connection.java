package io.mekong.connection;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A configured link to one external system. Holds the names of its secrets, never their values. */
public record Connection(String id, String workspaceId, String connector, String name, Map<String, Object> params,
                         Set<String> secretKeys, Instant createdAt, Instant updatedAt) {
}
