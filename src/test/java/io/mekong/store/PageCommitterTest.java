package io.mekong.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.ConnectionContext;
import io.mekong.mapping.MappedPage;
import io.mekong.mapping.MappingResult;
import io.mekong.mapping.canonical.CanonicalOrder;
import io.mekong.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class PageCommitterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-02T10:00:00Z");

    private final ConnectionContext connection = new ConnectionContext("c1", "ws1", "shopify", Map.of(), Map.of());
    private JdbcTemplate jdbc;
    private PageCommitter committer;
    private long runId;

    @BeforeEach
    void setUp() {
        jdbc = TestDatabase.freshWorkspace("ws1", "c1");
        committer = new PageCommitter(jdbc, new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource())),
                List.of(new CustomerTable(), new OrderTable(), new ProductTable()), ErasedRecords.NONE);
        runId = jdbc.queryForObject("insert into sync_run (workspace_id, connection_id, trigger, status)"
                + " values ('ws1', 'c1', 'manual', 'running') returning id", Long.class);
        jdbc.update("insert into sync_run_stream (run_id, stream, status) values (?, 'orders', 'running')", runId);
    }

    @Test
    void insertsThenReportsUnchangedUpdatedAndStale() {
        PageOutcome first = commit(page(order("1001", 125_000L, "a", T1), order("1002", 99_000L, "b", T1)), "{\"cursor\":\"1\"}");
        assertThat(first).isEqualTo(new PageOutcome(2, 2, 0, 0, 0, 0));

        PageOutcome again = commit(page(order("1001", 125_000L, "a", T1), order("1002", 99_000L, "b", T1)), "{\"cursor\":\"2\"}");
        assertThat(again).isEqualTo(new PageOutcome(2, 0, 0, 2, 0, 0));

        PageOutcome changed = commit(page(order("1001", 125_000L, "vip", T2)), null);
        assertThat(changed).isEqualTo(new PageOutcome(1, 0, 1, 0, 0, 0));

        PageOutcome older = commit(page(order("1001", 1L, "old", T1)), null);
        assertThat(older).isEqualTo(new PageOutcome(1, 0, 0, 0, 1, 0));

        assertThat(jdbc.queryForObject("select total_minor from sales_order where external_id = '1001'", Long.class))
                .isEqualTo(125_000L);
        assertThat(jdbc.queryForObject("select tags[1] from sales_order where external_id = '1001'", String.class))
                .isEqualTo("vip");
        assertThat(jdbc.queryForObject("select count(*) from sales_order", Integer.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from order_line", Integer.class)).isEqualTo(2);
        assertThat(jdbc.queryForMap("select read, inserted, updated, unchanged, stale, rejected, batches"
                + " from sync_run_stream where run_id = ?", runId))
                .containsEntry("read", 6).containsEntry("inserted", 2).containsEntry("updated", 1)
                .containsEntry("unchanged", 2).containsEntry("stale", 1).containsEntry("batches", 4);
        assertThat(jdbc.queryForObject("select state->>'cursor' from checkpoint where connection_id = 'c1'", String.class))
                .isEqualTo("2");
    }

    @Test
    void anOlderVersionArrivingAfterANewerOneWithTheSameFieldsIsStale() {
        Instant t3 = Instant.parse("2025-03-03T10:00:00Z");
        commit(page(order("1001", 100L, "a", T1)), null);
        // the source's own clock is part of the record: a newer updatedAt is an update even if nothing else moved
        assertThat(commit(page(order("1001", 100L, "a", t3)), null)).isEqualTo(new PageOutcome(1, 0, 1, 0, 0, 0));

        PageOutcome late = commit(page(order("1001", 999L, "b", T2)), null);

        assertThat(late).isEqualTo(new PageOutcome(1, 0, 0, 0, 1, 0));
        assertThat(jdbc.queryForObject("select total_minor from sales_order", Long.class)).isEqualTo(100L);
        assertThat(jdbc.queryForObject("select source_updated_at from sales_order", java.sql.Timestamp.class).toInstant())
                .isEqualTo(t3);
    }

    @Test
    void rejectedRecordGoesToDeadLettersAndTheRestOfThePageIsStored() {
        JsonNode bad = json("{\"id\":\"gid://shopify/Order/7\",\"totalPriceSet\":null}");
        MappedPage page = new MappedPage("order", List.of(
                mapped(order("1001", 500L, "a", T1)),
                new MappingResult.Rejected(bad, "7", "totalMinor: must not be null"),
                mapped(order("1003", 700L, "a", T1))));

        PageOutcome outcome = commit(page, "{\"cursor\":\"x\"}");

        assertThat(outcome).isEqualTo(new PageOutcome(3, 2, 0, 0, 0, 1));
        assertThat(jdbc.queryForList("select external_id from sales_order order by 1", String.class))
                .containsExactly("1001", "1003");
        Map<String, Object> dead = jdbc.queryForMap("select external_id, reason, payload::text as payload, run_id"
                + " from dead_letter");
        assertThat(dead).containsEntry("external_id", "7").containsEntry("reason", "totalMinor: must not be null")
                .containsEntry("run_id", runId);
        assertThat(json((String) dead.get("payload"))).isEqualTo(bad);
    }

    @Test
    void sameKeyTwiceInOnePageCountsLikeTwoPagesAndStoresTheNewest() {
        PageOutcome outcome = commit(page(order("1001", 100L, "a", T1), order("1001", 200L, "b", T2)), null);

        assertThat(outcome).isEqualTo(new PageOutcome(2, 1, 1, 0, 0, 0));
        assertThat(jdbc.queryForObject("select total_minor from sales_order", Long.class)).isEqualTo(200L);
        assertThat(jdbc.queryForObject("select count(*) from source_record", Integer.class)).isEqualTo(1);
    }

    @Test
    void rawLandingKeepsTheSourcePayloadAndEmailIsNormalisedForMatching() {
        commit(page(order("1001", 100L, "a", T1)), null);

        assertThat(jdbc.queryForObject("select payload->>'id' from source_record where external_id = '1001'", String.class))
                .isEqualTo("gid://shopify/Order/1001");
        assertThat(jdbc.queryForMap("select email, email_normalized from sales_order"))
                .containsEntry("email", " Anh.Nguyen@Example.COM ").containsEntry("email_normalized", "anh.nguyen@example.com");
    }

    @Test
    void jsonTravelsIntactAndAnAbsentJsonValueIsSqlNull() {
        CanonicalOrder order = order("1001", 100L, "quà \"tết\" \\ 🎁", T1);
        JsonNode payload = json("{\"id\":\"gid://shopify/Order/1001\",\"note\":\"line\\nbreak \\\"quoted\\\" \\\\ Đà Nẵng\",\"x\":null}");
        committer.commit(new PageCommit(runId, connection, "orders",
                new MappedPage("order", List.of(new MappingResult.Mapped(payload, order))), null));

        assertThat(jdbc.queryForObject("select payload->>'note' from source_record", String.class))
                .isEqualTo("line\nbreak \"quoted\" \\ Đà Nẵng");
        assertThat(jdbc.queryForObject("select payload ? 'x' and payload->'x' = 'null'::jsonb from source_record", Boolean.class))
                .as("a JSON null inside a payload stays a JSON null").isTrue();
        assertThat(jdbc.queryForObject("select tags[1] from sales_order", String.class)).isEqualTo("quà \"tết\" \\ 🎁");
        assertThat(jdbc.queryForObject("select billing_address is null from sales_order", Boolean.class))
                .as("an absent address is SQL NULL, not the JSON value null").isTrue();
    }

    private PageOutcome commit(MappedPage page, String checkpoint) {
        return committer.commit(new PageCommit(runId, connection, "orders", page, checkpoint == null ? null : json(checkpoint)));
    }

    private static MappedPage page(CanonicalOrder... orders) {
        return new MappedPage("order", List.of(orders).stream().map(PageCommitterTest::mapped).map(MappingResult.class::cast).toList());
    }

    private static MappingResult.Mapped mapped(CanonicalOrder order) {
        return new MappingResult.Mapped(json("{\"id\":\"gid://shopify/Order/" + order.externalId() + "\",\"v\":\""
                + order.updatedAt() + order.tags() + "\"}"), order);
    }

    private static CanonicalOrder order(String id, long total, String tag, Instant updatedAt) {
        CanonicalOrder.Line line = new CanonicalOrder.Line(id + "-1", "p1", "v1", "SKU-1", "Áo dài lụa", null, 1, 1,
                total, 0, "VND");
        return new CanonicalOrder(id, "#" + id, "c9", " Anh.Nguyen@Example.COM ", "+84912345678", "VND", "VND", total, 0L,
                0L, 0L, total, 0, "paid", "fulfilled", "open", null, null, T1, null, null, List.of(tag), null, null,
                false, List.of(line), List.of(), List.of(), null, T1, updatedAt, false);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
