package io.mekong.store;

import static io.mekong.store.BatchUpsert.Kind.BIGINT;
import static io.mekong.store.BatchUpsert.Kind.BOOL;
import static io.mekong.store.BatchUpsert.Kind.TEXT;
import static io.mekong.store.BatchUpsert.Kind.TIMESTAMPTZ;

import io.mekong.mapping.canonical.CanonicalRefund;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.stereotype.Component;

/** Refunds of payments, linked to the payment and the charge they reverse. */
@Component
class RefundTable implements CanonicalTable<CanonicalRefund> {

    static final BatchUpsert UPSERT = BatchUpsert.into("payment_refund")
            .column("workspace_id", TEXT).column("connection_id", TEXT).column("external_id", TEXT)
            .column("payment_external_id", TEXT).column("charge_external_id", TEXT).column("status", TEXT)
            .column("reason", TEXT).column("failure_reason", TEXT).column("amount_minor", BIGINT)
            .column("currency", TEXT).column("balance_transaction_external_id", TEXT)
            .column("source_created_at", TIMESTAMPTZ).column("source_updated_at", TIMESTAMPTZ)
            .column("content_hash", TEXT).column("deleted", BOOL)
            .onConflictUpdate("connection_id, external_id", "payment_refund.source_updated_at <= excluded.source_updated_at")
            .alsoSet("updated_at = now()")
            .build();

    @Override
    public String entity() {
        return "refund";
    }

    @Override
    public String table() {
        return "payment_refund";
    }

    @Override
    public Class<CanonicalRefund> type() {
        return CanonicalRefund.class;
    }

    @Override
    public void write(Connection connection, String workspaceId, String connectionId, List<Row<CanonicalRefund>> rows)
            throws SQLException {
        UPSERT.execute(connection, rows.stream().map(row -> {
            CanonicalRefund r = row.record();
            return new Object[] {workspaceId, connectionId, r.externalId(), r.paymentExternalId(),
                r.chargeExternalId(), r.status(), r.reason(), r.failureReason(), r.amountMinor(), r.currency(),
                r.balanceTransactionExternalId(), r.createdAt(), r.updatedAt(), row.contentHash(), r.deleted()};
        }).toList());
    }
}
