package io.mekong.store;

import static io.mekong.store.BatchUpsert.Kind.BIGINT;
import static io.mekong.store.BatchUpsert.Kind.BOOL;
import static io.mekong.store.BatchUpsert.Kind.JSONB;
import static io.mekong.store.BatchUpsert.Kind.TEXT;
import static io.mekong.store.BatchUpsert.Kind.TIMESTAMPTZ;

import io.mekong.mapping.canonical.CanonicalPayment;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.stereotype.Component;

/** Payments (Stripe payment intents): one row each, counted once; refunds and fees are summed by payment_totals. */
@Component
class PaymentTable implements CanonicalTable<CanonicalPayment> {

    static final BatchUpsert UPSERT = BatchUpsert.into("payment")
            .column("workspace_id", TEXT).column("connection_id", TEXT).column("external_id", TEXT)
            .column("status", TEXT).column("amount_minor", BIGINT).column("captured_minor", BIGINT)
            .column("currency", TEXT).column("customer_external_id", TEXT).column("email", TEXT)
            .column("email_normalized", TEXT).column("order_reference", TEXT).column("charge_external_id", TEXT)
            .column("payment_method_type", TEXT).column("card_brand", TEXT).column("card_last4", TEXT)
            .column("failure_code", TEXT).column("decline_code", TEXT).column("failure_message", TEXT)
            .column("canceled_at", TIMESTAMPTZ).column("cancellation_reason", TEXT).column("description", TEXT)
            .column("metadata", JSONB).column("test", BOOL).column("source_created_at", TIMESTAMPTZ)
            .column("source_updated_at", TIMESTAMPTZ).column("content_hash", TEXT).column("deleted", BOOL)
            .onConflictUpdate("connection_id, external_id", "payment.source_updated_at <= excluded.source_updated_at")
            .alsoSet("updated_at = now()")
            .build();

    @Override
    public String entity() {
        return "payment";
    }

    @Override
    public String table() {
        return "payment";
    }

    @Override
    public Class<CanonicalPayment> type() {
        return CanonicalPayment.class;
    }

    @Override
    public void write(Connection connection, String workspaceId, String connectionId, List<Row<CanonicalPayment>> rows)
            throws SQLException {
        UPSERT.execute(connection, rows.stream().map(row -> {
            CanonicalPayment p = row.record();
            return new Object[] {workspaceId, connectionId, p.externalId(), p.status(), p.amountMinor(),
                p.capturedMinor(), p.currency(), p.customerExternalId(), p.email(), Emails.normalize(p.email()),
                p.orderReference(), p.chargeExternalId(), p.paymentMethodType(), p.cardBrand(), p.cardLast4(),
                p.failureCode(), p.declineCode(), p.failureMessage(), p.canceledAt(), p.cancellationReason(),
                p.description(), Json.write(p.metadata()), p.test(), p.createdAt(), p.updatedAt(), row.contentHash(),
                p.deleted()};
        }).toList());
    }
}
