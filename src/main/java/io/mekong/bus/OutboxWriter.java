package io.mekong.bus;

import io.mekong.identity.ProfileListener;
import io.mekong.store.StoredRecordsListener;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the outbox rows of every canonical change, inside the transaction that made it: records stored, changed or
 * buried by the store (on the pull path, the webhook path and dead-letter replay alike) and profiles changed by identity
 * resolution, an erasure or a shop's removal. A row names its subject only; the relay reads the subject when it
 * publishes (see V19__bus_outbox.sql). One statement per page, whatever its size. A checkout is published once, when it
 * is found abandoned (store.AbandonedCheckouts writes that row), not at each change.
 */
@Component
public class OutboxWriter implements StoredRecordsListener, ProfileListener {

    /**
     * The entities published and the subject each row names. A charge or a refund changes what its payment captured or
     * gave back, so it is published as its payment (the one the payment_totals view counts it under).
     */
    private static final Map<String, Subject> SUBJECTS = Map.of(
            "order", new Subject(Topic.ORDERS, "k"),
            "product", new Subject(Topic.PRODUCTS, "k"),
            "payment", new Subject(Topic.PAYMENTS, "k"),
            "charge", new Subject(Topic.PAYMENTS, """
                    coalesce((select c.payment_external_id from payment_charge c
                               where c.connection_id = conn.id and c.external_id = k),
                             (select p.external_id from payment p
                               where p.connection_id = conn.id and p.charge_external_id = k limit 1), k)"""),
            "refund", new Subject(Topic.PAYMENTS, """
                    (select coalesce(r.payment_external_id, c.payment_external_id,
                              (select p.external_id from payment p
                                where p.connection_id = r.connection_id and p.charge_external_id = r.charge_external_id
                                limit 1),
                              r.charge_external_id)
                       from payment_refund r
                       left join payment_charge c on c.connection_id = r.connection_id and c.external_id = r.charge_external_id
                      where r.connection_id = conn.id and r.external_id = k)"""));

    private final JdbcTemplate jdbc;

    public OutboxWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void stored(String connectionId, String entity, Collection<String> externalIds) {
        Subject subject = SUBJECTS.get(entity);
        if (subject == null) {
            return;
        }
        // distinct: ten refunds of one payment in a page are one change of that payment
        jdbc.update("insert into outbox (workspace_id, topic, connection_id, subject)"
                        + " select distinct conn.workspace_id, ?, conn.id, s from connection conn"
                        + " cross join lateral unnest(?::text[]) k cross join lateral (select " + subject.sql() + " as s) r"
                        + " where conn.id = ? and s is not null",
                subject.topic().id(), externalIds.toArray(String[]::new), connectionId);
    }

    @Override
    public void profilesChanged(String workspaceId, Set<Long> profileIds) {
        jdbc.update("insert into outbox (workspace_id, topic, subject) select ?, ?, p::text from unnest(?::bigint[]) p",
                workspaceId, Topic.PROFILES.id(), profileIds.toArray(Long[]::new));
    }

    /** @param sql the subject of the record keyed {@code k} of connection {@code conn} */
    private record Subject(Topic topic, String sql) {
    }
}
