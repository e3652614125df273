package io.mekong.store;

import static io.mekong.store.BatchUpsert.Kind.BIGINT;
import static io.mekong.store.BatchUpsert.Kind.BOOL;
import static io.mekong.store.BatchUpsert.Kind.INT;
import static io.mekong.store.BatchUpsert.Kind.JSONB;
import static io.mekong.store.BatchUpsert.Kind.TEXT;
import static io.mekong.store.BatchUpsert.Kind.TEXT_ARRAY;
import static io.mekong.store.BatchUpsert.Kind.TIMESTAMPTZ;

import io.mekong.mapping.canonical.CanonicalOrder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.stereotype.Component;

/** Orders with their lines; payments and refunds travel on the order row as JSON. */
@Component
class OrderTable implements CanonicalTable<CanonicalOrder> {

    static final BatchUpsert UPSERT = BatchUpsert.into("sales_order")
            .column("workspace_id", TEXT).column("connection_id", TEXT).column("external_id", TEXT)
            .column("order_number", TEXT).column("customer_external_id", TEXT).column("email", TEXT)
            .column("email_normalized", TEXT).column("phone", TEXT).column("currency", TEXT)
            .column("presentment_currency", TEXT).column("subtotal_minor", BIGINT).column("discount_minor", BIGINT)
            .column("shipping_minor", BIGINT).column("tax_minor", BIGINT).column("total_minor", BIGINT)
            .column("refunded_minor", BIGINT).column("financial_status", TEXT).column("fulfillment_status", TEXT)
            .column("status", TEXT).column("cancelled_at", TIMESTAMPTZ).column("cancel_reason", TEXT)
            .column("placed_at", TIMESTAMPTZ).column("billing_address", JSONB).column("shipping_address", JSONB)
            .column("tags", TEXT_ARRAY).column("note", TEXT).column("source_channel", TEXT).column("test", BOOL)
            .column("payments", JSONB).column("refunds", JSONB).column("attributes", JSONB)
            .column("source_created_at", TIMESTAMPTZ).column("source_updated_at", TIMESTAMPTZ)
            .column("content_hash", TEXT).column("deleted", BOOL)
            .onConflictUpdate("connection_id, external_id", "sales_order.source_updated_at <= excluded.source_updated_at")
            .alsoSet("updated_at = now()")
            .returning("id, external_id")
            .build();

    static final BatchUpsert LINES = BatchUpsert.into("order_line")
            .column("order_id", BIGINT).column("line_no", INT).column("external_id", TEXT)
            .column("product_external_id", TEXT).column("variant_external_id", TEXT).column("sku", TEXT)
            .column("title", TEXT).column("variant_title", TEXT).column("quantity", INT)
            .column("current_quantity", INT).column("unit_price_minor", BIGINT).column("discount_minor", BIGINT)
            .column("currency", TEXT)
            .build();

    @Override
    public String entity() {
        return "order";
    }

    @Override
    public String table() {
        return "sales_order";
    }

    @Override
    public Class<CanonicalOrder> type() {
        return CanonicalOrder.class;
    }

    @Override
    public void write(Connection connection, String workspaceId, String connectionId, List<Row<CanonicalOrder>> rows)
            throws SQLException {
        List<Object[]> written = UPSERT.execute(connection, rows.stream().map(row -> {
            CanonicalOrder o = row.record();
            return new Object[] {workspaceId, connectionId, o.externalId(), o.orderNumber(), o.customerExternalId(),
                o.email(), Emails.normalize(o.email()), o.phone(), o.currency(), o.presentmentCurrency(),
                o.subtotalMinor(), o.discountMinor(), o.shippingMinor(), o.taxMinor(), o.totalMinor(),
                o.refundedMinor(), o.financialStatus(), o.fulfillmentStatus(), o.status(), o.cancelledAt(),
                o.cancelReason(), o.placedAt(), Json.write(o.billingAddress()), Json.write(o.shippingAddress()),
                Json.write(o.tags()), o.note(), o.sourceChannel(), o.test(), Json.write(o.payments()),
                Json.write(o.refunds()), Json.write(o.attributes()), o.createdAt(), o.updatedAt(), row.contentHash(),
                o.deleted()};
        }).toList());
        ChildRows.replace(connection, "order_line", "order_id", LINES, written, rows, order -> order.lines().stream()
                .map(l -> new Object[] {l.externalId(), l.productExternalId(), l.variantExternalId(), l.sku(), l.title(),
                    l.variantTitle(), l.quantity(), l.currentQuantity(), l.unitPriceMinor(), l.discountMinor(),
                    l.currency()})
                .toList());
    }
}
