package io.mekong.store;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Which dead letters a listing, a count or a bulk replay takes; every part is optional (null).
 *
 * @param connectionId  a connection's global id (a source's, or a destination's target)
 * @param reason        a case-insensitive substring of the reason
 * @param from          created at or after; @param to created before
 */
public record DeadLetterFilter(String workspaceId, String connectionId, String entity, String reason,
                               String status, Instant from, Instant to) {

    public DeadLetterFilter inWorkspace(String workspace) {
        return new DeadLetterFilter(workspace, connectionId, entity, reason, status, from, to);
    }

    /** The same filter over open letters only, whatever status it named. */
    public DeadLetterFilter open() {
        return new DeadLetterFilter(workspaceId, connectionId, entity, reason, "open", from, to);
    }

    KeysetQuery applyTo(KeysetQuery query) {
        return query.where("workspace_id = ?", workspaceId)
                .where("connection_id = ?", connectionId)
                .where("entity = ?", entity)
                .where("status = ?", status)
                .where("reason ilike '%' || ? || '%'", blankToNull(reason))
                .where("created_at >= ?", from == null ? null : Timestamp.from(from))
                .where("created_at < ?", to == null ? null : Timestamp.from(to));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
