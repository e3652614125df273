package io.mekong.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.FakeTime;
import io.mekong.connector.Page;
import io.mekong.mapping.MappedPage;
import io.mekong.mapping.MappingEngine;
import io.mekong.mapping.MappingRegistry;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.SandboxHttpServer;
import io.mekong.sandbox.stripe.StripeAccount;
import io.mekong.sandbox.stripe.StripeSimulator;
import io.mekong.sandbox.stripe.StripeTestAccounts;
import io.mekong.testing.TestDatabase;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every Stripe stream read from the simulator, mapped and stored in the embedded PostgreSQL: each object lands once,
 * amounts exactly as Stripe sent them (VND in whole dong, USD in cents), and payment_totals counts each amount once.
 */
class PaymentTablesTest {

    /** stream → the entity (mapping and table) its records are. */
    private static final Map<String, String> STREAMS = new LinkedHashMap<>();

    static {
        STREAMS.put("customers", "customer");
        STREAMS.put("payment_intents", "payment");
        STREAMS.put("charges", "charge");
        STREAMS.put("refunds", "refund");
        STREAMS.put("balance_transactions", "balance_transaction");
    }

    private final FakeTime time = StripeTestAccounts.clockAfterSeed();
    private final ConnectorEngine engine = new ConnectorEngine(ConnectorRegistry.load(Path.of("connectors")), time, time);
    private final MappingEngine mapping = new MappingEngine(new MappingRegistry(MappingRegistry.load(Path.of("mappings"))),
            Validation.buildDefaultValidatorFactory().getValidator());
    private JdbcTemplate jdbc;
    private PageCommitter committer;

    @BeforeEach
    void setUp() {
        jdbc = TestDatabase.freshWorkspace("ws1", "c1");
        jdbc.update("insert into connection (id, workspace_id, connector, name) values ('c2', 'ws1', 'stripe', 'c2')");
        committer = new PageCommitter(jdbc, new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource())),
                List.of(new CustomerTable(), new PaymentTable(), new ChargeTable(), new RefundTable(), new BalanceTransactionTable()), ErasedRecords.NONE);
    }

    /** Reads, maps and commits every page of every stream; returns the outcomes summed per stream. */
    private Map<String, PageOutcome> sync(String connectionId, StripeAccount account, String key) {
        Map<String, PageOutcome> outcomes = new LinkedHashMap<>();
        try (SandboxHttpServer server = SandboxHttpServer.start(new StripeSimulator(List.of(account)))) {
            ConnectionContext connection = new ConnectionContext(connectionId, "ws1", "stripe",
                    Map.of("baseUrl", server.baseUrl(), "defaultRegion", "VN"), Map.of("secretKey", key));
            STREAMS.forEach((stream, entity) -> {
                PageOutcome total = new PageOutcome(0, 0, 0, 0, 0, 0);
                Page page = null;
                do {
                    page = engine.fetch(connection, stream, null, page == null ? null : page.nextPageToken());
                    MappedPage mapped = mapping.map("stripe", entity, page.records(), connection.params());
                    PageOutcome o = committer.commit(new PageCommit(null, connection, stream, mapped, page.checkpoint()));
                    total = new PageOutcome(total.read() + o.read(), total.inserted() + o.inserted(),
                            total.updated() + o.updated(), total.unchanged() + o.unchanged(), total.stale() + o.stale(),
                            total.rejected() + o.rejected());
                } while (page.hasMore());
                outcomes.put(stream, total);
            });
        }
        return outcomes;
    }

    private long count(String table, String connectionId) {
        return jdbc.queryForObject("select count(*) from " + table + " where connection_id = ?", Long.class, connectionId);
    }

    @Test
    void everyObjectOfEveryStreamIsStoredOnceAndASecondSyncChangesNothing() {
        StripeAccount account = StripeTestAccounts.vnd(time, FaultPlan.NONE);

        Map<String, PageOutcome> first = sync("c1", account, StripeTestAccounts.VND_KEY);

        assertThat(first.get("customers").inserted()).isEqualTo(account.count("customer"));
        assertThat(first.get("payment_intents").inserted()).isEqualTo(account.count("payment_intent"));
        assertThat(first.get("charges").inserted()).isEqualTo(account.count("charge"));
        assertThat(first.get("refunds").inserted()).isEqualTo(account.count("refund"));
        assertThat(first.get("balance_transactions").inserted()).isEqualTo(account.count("balance_transaction"));
        assertThat(first.values()).allSatisfy(o -> assertThat(o.rejected()).isZero());
        assertThat(count("payment", "c1")).isEqualTo(account.count("payment_intent"));
        assertThat(count("payment_charge", "c1")).isEqualTo(account.count("charge"));
        assertThat(count("payment_refund", "c1")).isEqualTo(account.count("refund"));
        assertThat(count("balance_transaction", "c1")).isEqualTo(account.count("balance_transaction"));
        assertThat(jdbc.queryForObject("select count(*) from dead_letter", Long.class)).isZero();

        Map<String, PageOutcome> again = sync("c1", account, StripeTestAccounts.VND_KEY);
        assertThat(again.values()).allSatisfy(o -> assertThat(o.unchanged()).isEqualTo(o.read()));
    }

    @Test
    void zeroDecimalDongAndCentsAreStoredExactlyAsStripeSentThem() {
        StripeAccount vnd = StripeTestAccounts.vnd(time, FaultPlan.NONE);
        StripeAccount usd = StripeTestAccounts.usd(time);
        sync("c1", vnd, StripeTestAccounts.VND_KEY);
        sync("c2", usd, StripeTestAccounts.USD_KEY);

        for (StripeAccount account : List.of(vnd, usd)) {
            String connection = account == vnd ? "c1" : "c2";
            List<JsonNode> intents = intents(account);
            long sent = intents.stream().mapToLong(p -> p.get("amount").asLong()).sum();
            assertThat(jdbc.queryForObject("select sum(amount_minor) from payment where connection_id = ?", Long.class, connection))
                    .isEqualTo(sent);
            JsonNode one = intents.get(7);
            assertThat(jdbc.queryForMap("select amount_minor, currency from payment where external_id = ?", one.get("id").asText()))
                    .containsEntry("amount_minor", one.get("amount").asLong())
                    .containsEntry("currency", one.get("currency").asText().toUpperCase());
        }
        assertThat(jdbc.queryForList("select distinct currency from payment where connection_id = 'c1'", String.class))
                .containsExactly("VND");
        // a VND amount is whole dong: 1,457,417 ₫ is stored as 1457417, never multiplied by 100
        long maxVnd = jdbc.queryForObject("select max(amount_minor) from payment where connection_id = 'c1'", Long.class);
        assertThat(maxVnd).isEqualTo(intents(vnd).stream().mapToLong(p -> p.get("amount").asLong()).max().orElseThrow());
    }

    @Test
    void paymentTotalsCountEachAmountOnceWithItsRefundsAndFees() {
        StripeAccount account = StripeTestAccounts.vnd(time, FaultPlan.NONE);
        sync("c1", account, StripeTestAccounts.VND_KEY);

        assertThat(jdbc.queryForObject("select count(*) from payment_totals where connection_id = 'c1'", Long.class))
                .as("one row per payment, although some took two charges").isEqualTo(count("payment", "c1"));
        assertThat(count("payment_charge", "c1")).as("declined attempts are kept beside the charges that succeeded")
                .isGreaterThan(jdbc.queryForObject("select count(*) from payment where status = 'succeeded'", Long.class));
        assertThat(jdbc.queryForObject("select sum(captured_minor) from payment_totals", Long.class))
                .as("captured money counted once: as much as all charges captured, not more").isEqualTo(
                jdbc.queryForObject("select sum(amount_captured) from (select (r->>'amount_captured')::bigint amount_captured"
                        + " from unnest(?::jsonb[]) r) c", Long.class, (Object) charges(account)));
        assertThat(jdbc.queryForObject("select sum(refunded_minor) from payment_totals", Long.class))
                .isEqualTo(jdbc.queryForObject("select sum(amount_minor) from payment_refund", Long.class));
        assertThat(jdbc.queryForObject("select sum(fee_minor) from payment_totals", Long.class))
                .isEqualTo(jdbc.queryForObject("select sum(fee_minor) from balance_transaction", Long.class));
        assertThat(jdbc.queryForObject("select sum(net_minor) from payment_totals", Long.class))
                .as("what reached the balance: captured - fees - refunds")
                .isEqualTo(jdbc.queryForObject("select sum(captured_minor - fee_minor - refunded_minor) from payment_totals", Long.class));

        Map<String, Object> refunded = jdbc.queryForMap("select t.* from payment_totals t where t.refunded_minor > 0"
                + " and t.refunded_minor < t.captured_minor order by t.external_id limit 1");
        String payment = (String) refunded.get("external_id");
        long fee = jdbc.queryForObject("select b.fee_minor from balance_transaction b join payment p"
                + " on b.source_external_id = p.charge_external_id where p.external_id = ?", Long.class, payment);
        assertThat(refunded.get("fee_minor")).isEqualTo(fee);
        assertThat(refunded.get("refunded_minor")).isEqualTo(jdbc.queryForObject(
                "select sum(amount_minor) from payment_refund where payment_external_id = ?", Long.class, payment));
        assertThat(jdbc.queryForObject("select count(*) from payment where order_reference is null", Long.class))
                .as("every seeded payment names its Shopify order").isZero();
    }

    @Test
    void aChargeWithoutAPaymentIntentIsAPaymentOfItsOwnWithItsRefundAndFee() throws Exception {
        ConnectionContext connection = new ConnectionContext("c1", "ws1", "stripe", Map.of(), Map.of());
        store(connection, "charge", """
                {"id": "ch_legacy1", "object": "charge", "amount": 200000, "amount_captured": 200000,
                 "amount_refunded": 50000, "currency": "vnd", "created": 1759000000, "status": "succeeded",
                 "payment_intent": null, "customer": null, "billing_details": {"email": "Khach@Example.vn"},
                 "balance_transaction": "txn_legacy1", "metadata": {"order_id": "1001"}, "livemode": false}""");
        store(connection, "refund", """
                {"id": "re_legacy1", "object": "refund", "amount": 50000, "charge": "ch_legacy1", "payment_intent": null,
                 "currency": "vnd", "created": 1759100000, "status": "succeeded", "balance_transaction": "txn_legacy2"}""");
        store(connection, "balance_transaction", """
                {"id": "txn_legacy1", "object": "balance_transaction", "amount": 200000, "fee": 12800, "net": 187200,
                 "currency": "vnd", "type": "charge", "status": "available", "source": "ch_legacy1", "exchange_rate": 0.0000393,
                 "created": 1759000000, "available_on": 1759190400, "fee_details": [], "reporting_category": "charge"}""");
        store(connection, "balance_transaction", """
                {"id": "txn_legacy2", "object": "balance_transaction", "amount": -50000, "fee": 0, "net": -50000,
                 "currency": "vnd", "type": "refund", "status": "available", "source": "re_legacy1",
                 "created": 1759100000, "available_on": 1759100000, "fee_details": [], "reporting_category": "refund"}""");

        assertThat(jdbc.queryForList("select * from payment_totals")).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("kind", "charge").containsEntry("external_id", "ch_legacy1")
                .containsEntry("currency", "VND").containsEntry("amount_minor", 200_000L)
                .containsEntry("captured_minor", 200_000L).containsEntry("refunded_minor", 50_000L)
                .containsEntry("fee_minor", 12_800L).containsEntry("net_minor", 137_200L)
                .containsEntry("email_normalized", "khach@example.vn").containsEntry("order_reference", "1001"));
        assertThat(jdbc.queryForObject("select exchange_rate from balance_transaction where external_id = 'txn_legacy1'",
                java.math.BigDecimal.class)).isEqualByComparingTo("0.0000393");
    }

    private void store(ConnectionContext connection, String entity, String json) throws Exception {
        JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        MappedPage page = mapping.map("stripe", entity, List.of(record), Map.of());
        assertThat(committer.commit(new PageCommit(null, connection, null, page, null)).inserted()).as("%s", page).isEqualTo(1);
    }

    private List<JsonNode> intents(StripeAccount account) {
        return all(account, "/v1/payment_intents");
    }

    private String[] charges(StripeAccount account) {
        return all(account, "/v1/charges").stream().map(JsonNode::toString).toArray(String[]::new);
    }

    private static List<JsonNode> all(StripeAccount account, String path) {
        StripeSimulator simulator = new StripeSimulator(List.of(account));
        String key = account.currency().equals("vnd") ? StripeTestAccounts.VND_KEY : StripeTestAccounts.USD_KEY;
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        while (true) {
            JsonNode list;
            try {
                list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(simulator.handle("GET",
                        path + "?limit=100" + (after == null ? "" : "&starting_after=" + after),
                        Map.of("Authorization", "Bearer " + key), new byte[0]).body());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            list.get("data").forEach(all::add);
            if (!list.get("has_more").asBoolean()) {
                return all;
            }
            after = all.get(all.size() - 1).get("id").asText();
        }
    }
}
