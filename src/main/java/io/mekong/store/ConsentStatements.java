package io.mekong.store;

import static io.mekong.store.BatchUpsert.Kind.BIGINT;
import static io.mekong.store.BatchUpsert.Kind.JSONB;
import static io.mekong.store.BatchUpsert.Kind.TEXT;
import static io.mekong.store.BatchUpsert.Kind.TIMESTAMPTZ;

import io.mekong.mapping.canonical.CanonicalCustomer;
import io.mekong.mapping.canonical.Consent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records the consent statements of the customers just written, in their transaction. Statements are history: a
 * statement is added unless it repeats the customer's last statement on that channel (same status, field, time and
 * evidence), so reading a customer again adds nothing while a real change, even back to an earlier state, is kept.
 * The customer row's upsert lock serialises writers of one customer, so "last" cannot race.
 */
final class ConsentStatements {

    private static final BatchUpsert INSERT = BatchUpsert.into("consent_statement")
            .column("workspace_id", TEXT).column("connection_id", TEXT).column("customer_id", BIGINT)
            .column("channel", TEXT).column("status", TEXT).column("field", TEXT).column("stated_at", TIMESTAMPTZ)
            .column("evidence", JSONB)
            .onlyWhere("""
                    not exists (select 1 from (select s.status, s.field, s.stated_at, s.evidence from consent_statement s
                                                where s.customer_id = u.customer_id and s.channel = u.channel
                                                order by s.id desc limit 1) last
                                 where last.status = u.status and last.field = u.field
                                   and last.stated_at is not distinct from u.stated_at and last.evidence = u.evidence)""")
            .build();

    private ConsentStatements() {
    }

    /**
     * @param written the customers' RETURNING rows (id, external_id): only customers actually written state anything;
     *                a deleted customer (a tombstone) states nothing
     */
    static void record(Connection connection, String workspaceId, String connectionId, List<Object[]> written,
                       List<CanonicalTable.Row<CanonicalCustomer>> rows) throws SQLException {
        Map<String, Long> idByExternalId = ChildRows.idsByExternalId(written);
        List<Object[]> statements = new ArrayList<>();
        for (CanonicalTable.Row<CanonicalCustomer> row : rows) {
            CanonicalCustomer customer = row.record();
            Long customerId = idByExternalId.get(customer.externalId());
            if (customerId == null || customer.deleted()) {
                continue;
            }
            for (Consent consent : customer.consents()) {
                statements.add(new Object[] {workspaceId, connectionId, customerId, consent.channel(), consent.status(),
                    consent.field(), consent.statedAt(), Json.write(consent.evidence())});
            }
        }
        INSERT.execute(connection, statements);
    }
}
