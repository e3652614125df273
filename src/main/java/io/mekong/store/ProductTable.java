package io.mekong.store;

import static io.mekong.store.BatchUpsert.Kind.BIGINT;
import static io.mekong.store.BatchUpsert.Kind.BOOL;
import static io.mekong.store.BatchUpsert.Kind.INT;
import static io.mekong.store.BatchUpsert.Kind.JSONB;
import static io.mekong.store.BatchUpsert.Kind.TEXT;
import static io.mekong.store.BatchUpsert.Kind.TEXT_ARRAY;
import static io.mekong.store.BatchUpsert.Kind.TIMESTAMPTZ;

import io.mekong.mapping.canonical.CanonicalProduct;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class ProductTable implements CanonicalTable<CanonicalProduct> {

    static final BatchUpsert UPSERT = BatchUpsert.into("product")
            .column("workspace_id", TEXT).column("connection_id", TEXT).column("external_id", TEXT)
            .column("title", TEXT).column("handle", TEXT).column("vendor", TEXT).column("product_type", TEXT)
            .column("status", TEXT).column("tags", TEXT_ARRAY).column("attributes", JSONB)
            .column("source_created_at", TIMESTAMPTZ)
            .column("source_updated_at", TIMESTAMPTZ).column("content_hash", TEXT).column("deleted", BOOL)
            .onConflictUpdate("connection_id, external_id", "product.source_updated_at <= excluded.source_updated_at")
            .alsoSet("updated_at = now()")
            .returning("id, external_id")
            .build();

    static final BatchUpsert VARIANTS = BatchUpsert.into("product_variant")
            .column("product_id", BIGINT).column("position", INT).column("external_id", TEXT).column("sku", TEXT)
            .column("title", TEXT).column("barcode", TEXT).column("price_minor", BIGINT)
            .column("compare_at_minor", BIGINT).column("currency", TEXT).column("inventory_quantity", INT)
            .build();

    @Override
    public String entity() {
        return "product";
    }

    @Override
    public String table() {
        return "product";
    }

    @Override
    public Class<CanonicalProduct> type() {
        return CanonicalProduct.class;
    }

    @Override
    public void write(Connection connection, String workspaceId, String connectionId, List<Row<CanonicalProduct>> rows)
            throws SQLException {
        List<Object[]> written = UPSERT.execute(connection, rows.stream().map(row -> {
            CanonicalProduct p = row.record();
            return new Object[] {workspaceId, connectionId, p.externalId(), p.title(), p.handle(), p.vendor(),
                p.productType(), p.status(), Json.write(p.tags()), Json.write(p.attributes()), p.createdAt(), p.updatedAt(), row.contentHash(),
                p.deleted()};
        }).toList());
        ChildRows.replace(connection, "product_variant", "product_id", VARIANTS, written, rows, product -> product.variants()
                .stream()
                .map(v -> new Object[] {v.externalId(), v.sku(), v.title(), v.barcode(), v.priceMinor(),
                    v.compareAtMinor(), v.currency(), v.inventoryQuantity()})
                .toList());
    }
}
