package io.mekong.store;

import static io.mekong.store.BatchUpsert.Kind.BIGINT;
import static io.mekong.store.BatchUpsert.Kind.BOOL;
import static io.mekong.store.BatchUpsert.Kind.TEXT;
import static io.mekong.store.BatchUpsert.Kind.TIMESTAMPTZ;

import io.mekong.mapping.canonical.CanonicalCharge;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.stereotype.Component;

/** The attempts behind payments (Stripe charges), linked to their payment; never summed as money of their own. */
@Component
class ChargeTable implements CanonicalTable<CanonicalCharge> {

    static final BatchUpsert UPSERT = BatchUpsert.into("payment_charge")
            .column("workspace_id", TEXT).column("connection_id", TEXT).column("external_id", TEXT)
            .column("payment_external_id", TEXT).column("status", TEXT).column("amount_minor", BIGINT)
            .column("captured_minor", BIGINT).column("refunded_minor", BIGINT).column("currency", TEXT)
            .column("customer_external_id", TEXT).column("email", TEXT).column("email_normalized", TEXT)
            .column("order_reference", TEXT).column("balance_transaction_external_id", TEXT)
            .column("payment_method_type", TEXT).column("card_brand", TEXT).column("card_last4", TEXT)
            .column("failure_code", TEXT).column("decline_code", TEXT).column("failure_message", TEXT)
            .column("test", BOOL).column("source_created_at", TIMESTAMPTZ).column("source_updated_at", TIMESTAMPTZ)
            .column("content_hash", TEXT).column("deleted", BOOL)
            .onConflictUpdate("connection_id, external_id", "payment_charge.source_updated_at <= excluded.source_updated_at")
            .alsoSet("updated_at = now()")
            .build();

    @Override
    public String entity() {
        return "charge";
    }

    @Override
    public String table() {
        return "payment_charge";
    }

    @Override
    public Class<CanonicalCharge> type() {
        return CanonicalCharge.class;
    }

    @Override
    public void write(Connection connection, String workspaceId, String connectionId, List<Row<CanonicalCharge>> rows)
            throws SQLException {
        UPSERT.execute(connection, rows.stream().map(row -> {
            CanonicalCharge c = row.record();
            return new Object[] {workspaceId, connectionId, c.externalId(), c.paymentExternalId(), c.status(),
                c.amountMinor(), c.capturedMinor(), c.refundedMinor(), c.currency(), c.customerExternalId(), c.email(),
                Emails.normalize(c.email()), c.orderReference(), c.balanceTransactionExternalId(),
                c.paymentMethodType(), c.cardBrand(), c.cardLast4(), c.failureCode(), c.declineCode(),
                c.failureMessage(), c.test(), c.createdAt(), c.updatedAt(), row.contentHash(), c.deleted()};
        }).toList());
    }
}
