package io.mekong.webhook;

import io.mekong.config.MekongProperties;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The receiving side of {@code webhook_inbox}: stores a verified delivery once. A delivery is a duplicate when its
 * dedupe key (event id, or body hash) is stored already, and, for connectors with {@code dedupeOnBody}, when the same
 * body arrived within {@code mekong.webhooks.replay-window} under any event id.
 */
@Repository
class InboxAdmission {

    /** The first key of the advisory locks taken here (two-int locks never meet the single-key ones of other code). */
    private static final int BODY_LOCKS = 0x7768_6b62; // "whkb"

    /**
     * A verified delivery to store.
     *
     * @param bodySha256 the body's hash when it must be unique within the replay window, else null
     * @param eventTime  when the sender says the event happened, null when it does not say; stored capped at receipt
     */
    record Arrival(String workspaceId, String connectionId, String topic, String entity, String dedupeKey,
                   String bodySha256, String body, String status, Instant eventTime) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Duration replayWindow;

    InboxAdmission(JdbcTemplate jdbc, TransactionTemplate transaction, MekongProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.replayWindow = properties.webhooks().replayWindow();
    }

    /** @return false when the delivery is a duplicate: nothing was stored */
    boolean admit(Arrival arrival) {
        if (arrival.bodySha256() == null) {
            return insert(arrival);
        }
        return transaction.execute(status -> {
            // two deliveries of one body wait for each other: the second one's insert sees the first one's row
            jdbc.queryForList("select pg_advisory_xact_lock(?, hashtext(?))::text", String.class, BODY_LOCKS,
                    arrival.connectionId() + "/" + arrival.bodySha256());
            return insert(arrival);
        });
    }

    private boolean insert(Arrival a) {
        // least(): an event time is never later than the receipt (received_at defaults to the same now()), so neither a
        // sender's clock nor a forged header can date an event, or a tombstone, in the future; least() skips a null
        List<Long> stored = jdbc.queryForList("""
                insert into webhook_inbox (workspace_id, connection_id, topic, entity, dedupe_key, body_sha256, body, status,
                  occurred_at)
                select ?, ?, ?, ?, ?, ?, ?::jsonb, ?, least(?::timestamptz, now())
                where ?::text is null or not exists (select 1 from webhook_inbox where connection_id = ? and body_sha256 = ?
                  and received_at > now() - ? * interval '1 millisecond')
                on conflict (connection_id, dedupe_key) do nothing
                returning id""", Long.class, a.workspaceId(), a.connectionId(), a.topic(), a.entity(), a.dedupeKey(),
                a.bodySha256(), a.body(), a.status(), a.eventTime() == null ? null : Timestamp.from(a.eventTime()),
                a.bodySha256(), a.connectionId(), a.bodySha256(), replayWindow.toMillis());
        return !stored.isEmpty();
    }
}
