package io.mekong.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.ConnectionContext;
import io.mekong.mapping.CanonicalJson;
import io.mekong.mapping.MappedPage;
import io.mekong.mapping.MappingResult;
import io.mekong.mapping.canonical.CanonicalCustomer;
import io.mekong.mapping.canonical.CanonicalOrder;
import io.mekong.mapping.canonical.CanonicalPayment;
import io.mekong.mapping.canonical.CanonicalRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.mekong.testing.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores canonical records the way a sync does (through {@link PageCommitter}: raw landing, canonical upsert), written
 * as the mapping would hand them over: JSON in the canonical shape, so that a test names only the fields it is about.
 */
public final class StoredRecords {

    private static final ObjectMapper CANONICAL = CanonicalJson.newMapper();

    private final JdbcTemplate jdbc;
    private final PageCommitter committer;

    public StoredRecords(JdbcTemplate jdbc, PageCommitter committer) {
        this.jdbc = jdbc;
        this.committer = committer;
    }

    /** Without the application: a committer of customers, orders and payments over {@link TestDatabase}. */
    public static StoredRecords inTestDatabase(JdbcTemplate jdbc) {
        return new StoredRecords(jdbc, new PageCommitter(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource())),
                List.of(new CustomerTable(), new OrderTable(), new PaymentTable())));
    }

    /** A connection of {@code connector} in {@code workspace}, with these params. */
    public void connection(String id, String workspace, String connector, Map<String, Object> params) {
        try {
            jdbc.update("insert into connection (id, workspace_id, connector, name, params) values (?, ?, ?, ?, ?::jsonb)",
                    id, workspace, connector, id, CANONICAL.writeValueAsString(params));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void customer(String connection, Map<String, Object> fields) {
        store(connection, "customer", fields, CanonicalCustomer.class);
    }

    public void order(String connection, Map<String, Object> fields) {
        Map<String, Object> order = new HashMap<>(Map.of("lines", List.of(), "status", "open"));
        order.putAll(fields);
        store(connection, "order", order, CanonicalOrder.class);
    }

    public void payment(String connection, Map<String, Object> fields) {
        store(connection, "payment", fields, CanonicalPayment.class);
    }

    private void store(String connection, String entity, Map<String, Object> fields, Class<? extends CanonicalRecord> type) {
        Map<String, Object> record = new HashMap<>(fields);
        record.putIfAbsent("updatedAt", record.getOrDefault("placedAt", "2026-01-01T00:00:00Z"));
        JsonNode source = CANONICAL.valueToTree(record);
        CanonicalRecord canonical;
        try {
            canonical = CANONICAL.treeToValue(source, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a canonical " + entity + ": " + record, e);
        }
        Map<String, Object> row = jdbc.queryForMap("select workspace_id, connector from connection where id = ?", connection);
        ConnectionContext context = new ConnectionContext(connection, (String) row.get("workspace_id"),
                (String) row.get("connector"), Map.of(), Map.of());
        PageOutcome outcome = committer.commit(new PageCommit(null, context, null,
                new MappedPage(entity, List.of(new MappingResult.Mapped(source, canonical))), null));
        if (outcome.rejected() > 0) {
            throw new IllegalStateException(entity + " " + record + " was rejected");
        }
    }
}
