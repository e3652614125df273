package io.mekong.webhook;

import io.mekong.config.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The processing side of {@code webhook_inbox}: claiming due deliveries, settling them, putting them off after a
 * failure. Each method is one statement, so a claim or a failure commits on its own; a settlement joins the
 * transaction of the page it belongs to, when there is one.
 */
@Repository
public class WebhookInbox {

    /** Attempts after which a delivery whose source cannot be read is given up as failed. */
    public static final int MAX_ATTEMPTS = 12;
    private static final Duration MAX_PAUSE = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public WebhookInbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code lease}: they are not due again until it ends, so
     * instances share the work, and a claim whose processor died is taken up again once its lease runs out.
     */
    public List<Delivery> claim(int limit, Duration lease) {
        return claim(limit, lease, "entity <> 'privacy'");
    }

    /**
     * Claims privacy-law deliveries (Shopify customers/redact, customers/data_request, shop/redact) as {@link #claim}
     * claims the others: they are fulfilled by their own route, one delivery per transaction.
     */
    public List<Delivery> claimPrivacy(int limit, Duration lease) {
        return claim(limit, lease, "entity = 'privacy'");
    }

    private List<Delivery> claim(int limit, Duration lease, String entities) {
        return jdbc.query("""
                update webhook_inbox set next_attempt_at = now() + ? * interval '1 millisecond'
                where id in (select id from webhook_inbox
                  where status = 'pending' and %s and (next_attempt_at is null or next_attempt_at <= now())
                  order by id limit ? for update skip locked)
                returning id, connection_id, topic, body::text as body, attempts,
                  coalesce(occurred_at, received_at) as occurred_at -- deliveries received before V6 have no event time""".formatted(entities),
                (rs, i) -> new Delivery(rs.getLong("id"), rs.getString("connection_id"), rs.getString("topic"),
                        parse(rs.getString("body")), rs.getTimestamp("occurred_at").toInstant(), rs.getInt("attempts")),
                lease.toMillis(), limit).stream().sorted(Comparator.comparingLong(Delivery::id)).toList();
    }

    /**
     * Writes what processing made of each delivery, in one batch. A delivery about a record an erasure redacted keeps
     * no body: the store redacted the record again (docs/identity.md, "Erasure"), and the delivery that brought the
     * person back must not hold them either. Its record key is known only now, so the erasure's own pass over the
     * inbox cannot have found it.
     */
    public void settle(Map<Long, Settlement> settlements) {
        jdbc.batchUpdate("""
                update webhook_inbox t set status = ?, outcome = ?, record_key = ?, processed_at = now(),
                  attempts = attempts + 1, error = null,
                  body = case when exists (select 1 from erased_record e where e.connection_id = t.connection_id
                                           and e.entity = t.entity and e.external_id = ?)
                              then '{"redacted": true}'::jsonb else body end
                 where id = ?""", settlements.entrySet().stream()
                .map(e -> new Object[] {e.getValue().status(), e.getValue().outcome(), e.getValue().recordKey(),
                    e.getValue().recordKey(), e.getKey()})
                .toList());
    }

    /**
     * Puts deliveries off after {@code reason} stopped them: due again after 2, 4, 8 … s (at most an hour), failed
     * after {@link #MAX_ATTEMPTS}.
     */
    public void retryLater(Collection<Delivery> deliveries, String reason) {
        jdbc.batchUpdate("update webhook_inbox set attempts = ?, error = ?, status = ?, next_attempt_at = ? where id = ?",
                deliveries.stream().map(d -> {
                    int attempts = d.attempts() + 1;
                    long pause = Math.min(MAX_PAUSE.toSeconds(), 1L << Math.min(attempts, 20));
                    return new Object[] {attempts, reason, attempts >= MAX_ATTEMPTS ? "failed" : "pending",
                        Timestamp.from(clock.instant().plusSeconds(pause)), d.id()};
                }).toList());
    }

    /**
     * When each of these records' newest applied event (or deletion) happened, in one query: for bodies that carry a
     * record without a time of its own (a Stripe customer), an older event must not be applied over a newer one.
     */
    public Map<String, Instant> newestApplied(String connectionId, String entity, Collection<String> keys) {
        Map<String, Instant> newest = new HashMap<>();
        jdbc.query("""
                select record_key, max(occurred_at) from webhook_inbox
                where connection_id = ? and entity = ? and record_key = any(?)
                  and outcome in ('stored', 'deleted', 'already deleted', 'nothing stored to delete')
                group by record_key""", rs -> {
                    newest.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }, connectionId, entity, keys.toArray(String[]::new));
        return newest;
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook_inbox holds a body that is not JSON", e);
        }
    }
}
