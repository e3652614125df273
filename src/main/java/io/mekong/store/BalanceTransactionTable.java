package io.mekong.store;

import static io.mekong.store.BatchUpsert.Kind.BIGINT;
import static io.mekong.store.BatchUpsert.Kind.BOOL;
import static io.mekong.store.BatchUpsert.Kind.JSONB;
import static io.mekong.store.BatchUpsert.Kind.NUMERIC;
import static io.mekong.store.BatchUpsert.Kind.TEXT;
import static io.mekong.store.BatchUpsert.Kind.TIMESTAMPTZ;

import io.mekong.mapping.canonical.CanonicalBalanceTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.stereotype.Component;

/** Movements of the provider balance (amount, fee, net, availability), the ground truth for payout reconciliation. */
@Component
class BalanceTransactionTable implements CanonicalTable<CanonicalBalanceTransaction> {

    static final BatchUpsert UPSERT = BatchUpsert.into("balance_transaction")
            .column("workspace_id", TEXT).column("connection_id", TEXT).column("external_id", TEXT)
            .column("type", TEXT).column("status", TEXT).column("reporting_category", TEXT)
            .column("amount_minor", BIGINT).column("fee_minor", BIGINT).column("net_minor", BIGINT)
            .column("currency", TEXT).column("exchange_rate", NUMERIC).column("fees", JSONB)
            .column("available_on", TIMESTAMPTZ).column("source_external_id", TEXT).column("description", TEXT)
            .column("source_created_at", TIMESTAMPTZ).column("source_updated_at", TIMESTAMPTZ)
            .column("content_hash", TEXT).column("deleted", BOOL)
            .onConflictUpdate("connection_id, external_id",
                    "balance_transaction.source_updated_at <= excluded.source_updated_at")
            .alsoSet("updated_at = now()")
            .build();

    @Override
    public String entity() {
        return "balance_transaction";
    }

    @Override
    public String table() {
        return "balance_transaction";
    }

    @Override
    public Class<CanonicalBalanceTransaction> type() {
        return CanonicalBalanceTransaction.class;
    }

    @Override
    public void write(Connection connection, String workspaceId, String connectionId,
                      List<Row<CanonicalBalanceTransaction>> rows) throws SQLException {
        UPSERT.execute(connection, rows.stream().map(row -> {
            CanonicalBalanceTransaction b = row.record();
            return new Object[] {workspaceId, connectionId, b.externalId(), b.type(), b.status(),
                b.reportingCategory(), b.amountMinor(), b.feeMinor(), b.netMinor(), b.currency(), b.exchangeRate(),
                Json.write(b.fees()), b.availableOn(), b.sourceExternalId(), b.description(), b.createdAt(),
                b.updatedAt(), row.contentHash(), b.deleted()};
        }).toList());
    }
}
