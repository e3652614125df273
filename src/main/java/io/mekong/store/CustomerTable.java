package io.mekong.store;

import static io.mekong.store.BatchUpsert.Kind.BOOL;
import static io.mekong.store.BatchUpsert.Kind.JSONB;
import static io.mekong.store.BatchUpsert.Kind.TEXT;
import static io.mekong.store.BatchUpsert.Kind.TEXT_ARRAY;
import static io.mekong.store.BatchUpsert.Kind.TIMESTAMPTZ;

import io.mekong.mapping.canonical.CanonicalCustomer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.stereotype.Component;

/** Customers, each with the consent statements it makes (history in consent_statement, its current word on the row). */
@Component
class CustomerTable implements CanonicalTable<CanonicalCustomer> {

    static final BatchUpsert UPSERT = BatchUpsert.into("customer")
            .column("workspace_id", TEXT).column("connection_id", TEXT).column("external_id", TEXT)
            .column("email", TEXT).column("email_normalized", TEXT).column("phone", TEXT)
            .column("first_name", TEXT).column("last_name", TEXT).column("full_name", TEXT).column("locale", TEXT)
            .column("state", TEXT).column("tags", TEXT_ARRAY).column("note", TEXT).column("email_consent", TEXT)
            .column("sms_consent", TEXT)
            .column("default_address", JSONB).column("attributes", JSONB).column("source_created_at", TIMESTAMPTZ)
            .column("source_updated_at", TIMESTAMPTZ).column("content_hash", TEXT).column("deleted", BOOL)
            .onConflictUpdate("connection_id, external_id", "customer.source_updated_at <= excluded.source_updated_at")
            .alsoSet("updated_at = now()")
            .returning("id, external_id")
            .build();

    @Override
    public String entity() {
        return "customer";
    }

    @Override
    public String table() {
        return "customer";
    }

    @Override
    public Class<CanonicalCustomer> type() {
        return CanonicalCustomer.class;
    }

    @Override
    public void write(Connection connection, String workspaceId, String connectionId, List<Row<CanonicalCustomer>> rows)
            throws SQLException {
        List<Object[]> written = UPSERT.execute(connection, rows.stream().map(row -> {
            CanonicalCustomer c = row.record();
            return new Object[] {workspaceId, connectionId, c.externalId(), c.email(), Emails.normalize(c.email()),
                c.phone(), c.firstName(), c.lastName(), c.fullName(), c.locale(), c.state(), Json.write(c.tags()),
                c.note(), c.consentStatus("email"), c.consentStatus("sms"), Json.write(c.defaultAddress()),
                Json.write(c.attributes()), c.createdAt(), c.updatedAt(), row.contentHash(), c.deleted()};
        }).toList());
        ConsentStatements.record(connection, workspaceId, connectionId, written, rows);
    }
}
