package io.mekong.store;

import static io.mekong.store.BatchUpsert.Kind.BIGINT;
import static io.mekong.store.BatchUpsert.Kind.BOOL;
import static io.mekong.store.BatchUpsert.Kind.INT;
import static io.mekong.store.BatchUpsert.Kind.JSONB;
import static io.mekong.store.BatchUpsert.Kind.TEXT;
import static io.mekong.store.BatchUpsert.Kind.TIMESTAMPTZ;

import io.mekong.mapping.canonical.CanonicalCheckout;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checkouts with their lines. {@code abandoned_at} is not among the upserted columns: only the abandonment scan
 * ({@link AbandonedCheckouts}) sets it, and a later version of the checkout keeps it.
 */
@Component
class CheckoutTable implements CanonicalTable<CanonicalCheckout> {

    static final BatchUpsert UPSERT = BatchUpsert.into("checkout")
            .column("workspace_id", TEXT).column("connection_id", TEXT).column("external_id", TEXT)
            .column("customer_external_id", TEXT).column("email", TEXT).column("email_normalized", TEXT)
            .column("phone", TEXT).column("currency", TEXT).column("subtotal_minor", BIGINT)
            .column("total_minor", BIGINT).column("recovery_url", TEXT).column("completed_at", TIMESTAMPTZ)
            .column("attributes", JSONB).column("source_created_at", TIMESTAMPTZ)
            .column("source_updated_at", TIMESTAMPTZ).column("content_hash", TEXT).column("deleted", BOOL)
            .onConflictUpdate("connection_id, external_id", "checkout.source_updated_at <= excluded.source_updated_at")
            .alsoSet("updated_at = now()")
            .returning("id, external_id")
            .build();

    static final BatchUpsert LINES = BatchUpsert.into("checkout_line")
            .column("checkout_id", BIGINT).column("line_no", INT).column("title", TEXT).column("sku", TEXT)
            .column("product_external_id", TEXT).column("variant_external_id", TEXT).column("quantity", INT)
            .column("unit_price_minor", BIGINT).column("currency", TEXT)
            .build();

    @Override
    public String entity() {
        return "checkout";
    }

    @Override
    public String table() {
        return "checkout";
    }

    @Override
    public Class<CanonicalCheckout> type() {
        return CanonicalCheckout.class;
    }

    @Override
    public void write(Connection connection, String workspaceId, String connectionId, List<Row<CanonicalCheckout>> rows)
            throws SQLException {
        List<Object[]> written = UPSERT.execute(connection, rows.stream().map(row -> {
            CanonicalCheckout c = row.record();
            return new Object[] {workspaceId, connectionId, c.externalId(), c.customerExternalId(), c.email(),
                Emails.normalize(c.email()), c.phone(), c.currency(), c.subtotalMinor(), c.totalMinor(),
                c.recoveryUrl(), c.completedAt(), Json.write(c.attributes()), c.createdAt(), c.updatedAt(),
                row.contentHash(), c.deleted()};
        }).toList());
        ChildRows.replace(connection, "checkout_line", "checkout_id", LINES, written, rows, checkout -> checkout.lines()
                .stream()
                .map(l -> new Object[] {l.title(), l.sku(), l.productExternalId(), l.variantExternalId(), l.quantity(),
                    l.unitPriceMinor(), l.currency()})
                .toList());
    }
}
