package io.mekong.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.ConnectionContext;
import io.mekong.mapping.MappedPage;
import io.mekong.mapping.MappingResult;
import io.mekong.mapping.canonical.CanonicalCustomer;
import io.mekong.mapping.canonical.CanonicalOrder;
import io.mekong.mapping.canonical.CanonicalRecord;
import io.mekong.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Notes, source channel and attributes are stored, read back as the API shows them, and part of the content hash. */
class NotesAndAttributesStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-02T10:00:00Z");
    private static final Map<String, Object> GIFT = Map.of("customAttributes", Map.of("gift wrap", "yes"),
            "fulfillmentFlag", "fulfilled_by_local_seller");

    private final ConnectionContext connection = new ConnectionContext("c1", "ws1", "shopify", Map.of(), Map.of());
    private JdbcTemplate jdbc;
    private PageCommitter committer;
    private CanonicalReader reader;
    private long runId;

    @BeforeEach
    void setUp() {
        jdbc = TestDatabase.freshWorkspace("ws1", "c1");
        committer = new PageCommitter(jdbc, new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource())),
                List.of(new CustomerTable(), new OrderTable(), new ProductTable()));
        reader = new CanonicalReader(jdbc);
        runId = jdbc.queryForObject("insert into sync_run (workspace_id, connection_id, trigger, status)"
                + " values ('ws1', 'c1', 'manual', 'running') returning id", Long.class);
        jdbc.update("insert into sync_run_stream (run_id, stream, status) values (?, 'orders', 'running')", runId);
    }

    @Test
    void anOrdersNoteChannelAndAttributesAreStoredAndReadBack() {
        commit("order", order("Giao giờ hành chính", GIFT, T1));

        OrderView view = reader.order("c1", "1001").orElseThrow();

        assertThat(view.note()).isEqualTo("Giao giờ hành chính");
        assertThat(view.sourceChannel()).isEqualTo("pos");
        assertThat(view.attributes()).isEqualTo(JSON.valueToTree(GIFT));
        assertThat(reader.orders("ws1", "c1", null, null, 10).items().get(0).attributes()).isEqualTo(view.attributes());
    }

    @Test
    void aChangeOfNoteOrAttributesAloneIsAnUpdateAndTheNewestIsKept() {
        commit("order", order("a", GIFT, T1));

        PageOutcome sameAgain = commit("order", order("a", GIFT, T1));
        PageOutcome noteEdited = commit("order", order("b", GIFT, T1));
        PageOutcome attributeChanged = commit("order", order("b", Map.of("fulfillmentFlag", "fulfilled_by_shopee"), T1));

        assertThat(sameAgain.unchanged()).isEqualTo(1);
        assertThat(noteEdited.updated()).isEqualTo(1);
        assertThat(attributeChanged.updated()).isEqualTo(1);
        OrderView view = reader.order("c1", "1001").orElseThrow();
        assertThat(view.note()).isEqualTo("b");
        assertThat(view.attributes()).isEqualTo(JSON.valueToTree(Map.of("fulfillmentFlag", "fulfilled_by_shopee")));
    }

    @Test
    void aCustomersNoteAndAttributesAreStoredAndAnAbsentMapIsAnEmptyObject() {
        commit("customer", customer("9", "Khách sỉ", Map.of("verifiedEmail", true, "groupId", 3)),
                customer("10", null, null));

        CustomerView noted = reader.customer("c1", "9").orElseThrow();
        CustomerView plain = reader.customer("c1", "10").orElseThrow();

        assertThat(noted.note()).isEqualTo("Khách sỉ");
        assertThat(noted.attributes()).isEqualTo(JSON.valueToTree(Map.of("verifiedEmail", true, "groupId", 3)));
        assertThat(plain.note()).isNull();
        assertThat(plain.attributes()).isEqualTo(JSON.createObjectNode());
    }

    private PageOutcome commit(String entity, CanonicalRecord... records) {
        List<MappingResult> results = List.of(records).stream().map(r -> (MappingResult) new MappingResult.Mapped(
                JSON.createObjectNode().put("id", r.externalId()).put("v", r.toString()), r)).toList();
        return committer.commit(new PageCommit(runId, connection, "orders", new MappedPage(entity, results), null));
    }

    private static CanonicalOrder order(String note, Map<String, Object> attributes, Instant updatedAt) {
        CanonicalOrder.Line line = new CanonicalOrder.Line("1001-1", "p1", "v1", "SKU-1", "Nón lá", null, 1, 1,
                100_000L, 0, "VND");
        return new CanonicalOrder("1001", "#1001", null, null, null, "VND", "VND", 100_000L, 0L, 0L, 0L, 100_000L, 0,
                "paid", "fulfilled", "open", null, null, T1, null, null, List.of(), note, "pos", false, List.of(line),
                List.of(), List.of(), attributes, T1, updatedAt, false);
    }

    private static CanonicalCustomer customer(String id, String note, Map<String, Object> attributes) {
        return new CanonicalCustomer(id, "khach" + id + "@example.vn", null, "Lan", "Trần", null, "vi", "enabled",
                List.of(), note, List.of(), null, attributes, T1, T2, false);
    }
}
