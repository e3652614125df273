package io.mekong.sink;

import java.time.Instant;
import java.util.Set;

/**
 * A destination as people see it (GET /api/destinations, the console): named by its API id and its target
 * connection's API id, with how it is doing now.
 *
 * @param status {@code running}, {@code paused} (its target cannot take events: the same events are tried again, see
 *               {@code lastError}) or {@code disabled}
 * @param lag    events of its topics it has not delivered yet; 0 = caught up; null while Kafka does not answer
 */
public record DestinationReport(String id, String workspace, String connection, String connector, Set<String> deliver,
                                boolean enabled, String status, Long lag, long delivered, long failed, int deadLetters,
                                String lastError, Instant failingSince, Instant createdAt, Instant updatedAt) {
}
