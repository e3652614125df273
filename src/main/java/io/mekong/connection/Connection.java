package io.mekong.connection;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A configured link to one external system. Holds the names of its secrets, never their values.
 *
 * @param id    the global key every table and log refers to; never shown to merchants
 * @param apiId the id callers know it by, unique within its workspace only (equal to {@code id} unless another
 *              workspace held that id when this connection was created)
 */
public record Connection(String id, String apiId, String workspaceId, String connector, String name, Map<String, Object> params,
                         Set<String> secretKeys, Instant createdAt, Instant updatedAt) {
}
