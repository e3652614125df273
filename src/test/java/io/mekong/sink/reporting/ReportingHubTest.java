package io.mekong.sink.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.bus.BusEvent;
import io.mekong.bus.BusTopics;
import io.mekong.bus.Topic;
import io.mekong.sandbox.stripe.StripeAccount;
import io.mekong.sandbox.stripe.StripeSandboxConfiguration;
import io.mekong.sandbox.stripe.StripeSimulator;
import io.mekong.sandbox.stripe.StripeTestKeys;
import io.mekong.testing.BusReader;
import io.mekong.testing.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The BI star schema kept from the bus by its own consumer group (routes/reporting.yaml): after a sync its totals equal
 * the canonical store's; events read again or out of order change nothing; an erasure anonymises the person's rows.
 * Each test syncs a connection of its own and compares only that connection's rows.
 */
class ReportingHubTest extends HubIntegrationTest {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Autowired
    BusTopics topics;
    @Autowired
    StripeSimulator stripe;
    @Autowired
    ReportingWriter writer;

    @Test
    void afterASyncTheReportingTotalsEqualTheCanonicalStoresAndEveryOrderHasItsProfile() {
        String shop = "rep-totals-shop";
        String payments = "rep-totals-stripe";
        runToEnd(connectionWithSync(shop, TOKEN));
        StripeAccount account = stripe.accounts().stream().filter(a -> a.currency().equals("vnd")).findFirst().orElseThrow();
        call("POST", "/api/connections", Map.of("id", payments, "connector", "stripe",
                "params", Map.of("baseUrl", "http://localhost:" + port + StripeSandboxConfiguration.MOUNT,
                        "ordersConnection", shop),
                "secrets", Map.of("secretKey", StripeTestKeys.secretKey(account))), 201);
        runToEnd(call("POST", "/api/syncs", Map.of("connection", payments,
                "streams", List.of("customers", "payment_intents", "charges", "refunds")), 201).get("id").asLong());

        Map<String, Object> canonical = canonicalTotals(shop, payments);
        assertThat((Map<?, ?>) canonical.get("revenue")).isNotEmpty();
        assertThat((Long) canonical.get("payments")).isPositive();
        long synced = System.nanoTime();
        Map<String, Object> reported = awaitEqual(() -> reportingTotals(shop, payments), canonical);
        System.out.printf("reporting caught up %d ms after the syncs ended (%d orders, %d payments)%n",
                (System.nanoTime() - synced) / 1_000_000, canonical.get("orders"), canonical.get("payments"));
        assertThat(reported).isEqualTo(canonical);

        // every order points at the profile the hub's own view gives it, and that profile is a customer row
        Map<String, Long> profiles = canonicalCustomers(shop);
        Map<String, Long> customers = awaitEqual(() -> orderCustomers(shop), profiles);
        assertThat(customers).isEqualTo(profiles);
        assertThat(jdbc.queryForObject("""
                select count(*) from reporting.fact_order f where f.connection_id = ? and f.customer_id is not null
                   and not exists (select 1 from reporting.dim_customer c where c.profile_id = f.customer_id)""",
                Long.class, shop)).as("orders pointing at a missing customer").isZero();
        assertThat(jdbc.queryForMap("select api_id, connector, name from reporting.dim_channel where connection_id = ?",
                shop)).containsEntry("api_id", shop).containsEntry("connector", "shopify");
        assertThat(jdbc.queryForObject("select count(*) from reporting.dim_product where connection_id = ?", Long.class,
                shop)).isEqualTo(jdbc.queryForObject("select count(*) from product where connection_id = ?", Long.class, shop));
        // the profile's golden email and cohort, as the single customer view has them
        Map<String, Object> profile = jdbc.queryForMap("""
                select p.id, p.golden ->> 'email' as email, (p.totals ->> 'firstOrderAt')::timestamptz as first
                  from profile p where p.id = ? """, profiles.values().iterator().next());
        Map<String, Object> customer = jdbc.queryForMap(
                "select email, first_order_at, cohort_month from reporting.dim_customer where profile_id = ?", profile.get("id"));
        assertThat(customer.get("email")).isEqualTo(profile.get("email"));
        assertThat(customer.get("first_order_at")).isEqualTo(profile.get("first"));
    }

    @Test
    void ordersFollowTheirIdentityWhenAMergeIsUndoneThoughNoOrderEventSaysSo() {
        String first = "rep-merge-a";
        String second = "rep-merge-b";
        // a workspace of its own: the unmerge below must not meet the identities other tests resolve
        runToEnd(connectionWithSync("rep-merge", first, SHOP, "VND", TOKEN));
        // the same shop again: its people are the same people, so their identities join the first's profiles
        runToEnd(connectionWithSync("rep-merge", second, SHOP, "VND", TOKEN));
        Map<String, Long> before = awaitEqual(() -> orderCustomers(second), canonicalCustomers(second));
        assertThat(before).isEqualTo(canonicalCustomers(second)).isNotEmpty();
        Map<String, Long> beforeFirst = awaitEqual(() -> orderCustomers(first), canonicalCustomers(first));
        Map<String, Object> merge = jdbc.queryForMap("""
                select m.id, m.profile_id from profile_merge m
                 where m.undone_at is null and m.profile_id in (select po.profile_id from profile_order po
                         join sales_order o on o.id = po.order_id where o.connection_id = ?)
                 order by m.id desc limit 1""", second);

        // undone: one side's identities (and their orders) go to another profile; no order changed, none is published
        call("POST", "/api/profiles/" + merge.get("profile_id") + "/unmerge", Map.of("merge", merge.get("id")), 200);
        Map<String, Long> expected = both(canonicalCustomers(first), canonicalCustomers(second));
        assertThat(expected).as("some order changed profile").isNotEqualTo(both(beforeFirst, before));
        Map<String, Long> reported = awaitEqual(() -> both(orderCustomers(first), orderCustomers(second)), expected);
        assertThat(reported).isEqualTo(expected);
        assertThat(jdbc.queryForObject("""
                select count(*) from reporting.fact_order f where f.customer_id is not null
                   and not exists (select 1 from reporting.dim_customer c where c.profile_id = f.customer_id)""",
                Long.class)).as("orders pointing at a missing customer").isZero();
    }

    private static Map<String, Long> both(Map<String, Long> first, Map<String, Long> second) {
        Map<String, Long> both = new HashMap<>();
        first.forEach((order, profile) -> both.put("1/" + order, profile));
        second.forEach((order, profile) -> both.put("2/" + order, profile));
        return both;
    }

    private Map<String, Long> canonicalCustomers(String shop) {
        Map<String, Long> profiles = new HashMap<>();
        jdbc.query("select o.external_id, po.profile_id from sales_order o join profile_order po on po.order_id = o.id"
                + " where o.connection_id = ?", rs -> {
                    profiles.put(rs.getString(1), rs.getLong(2));
                }, shop);
        return profiles;
    }

    @Test
    void eventsReadAgainAndOlderEventsChangeNothing() throws Exception {
        String shop = "rep-replay-shop";
        runToEnd(connectionWithSync(shop, TOKEN));
        Map<String, Object> canonical = canonicalTotals(shop, "none");
        awaitEqual(() -> reportingTotals(shop, "none"), canonical);
        // the shop is shared with other tests, some of which delete orders: what counts is what is stored
        int stored = jdbc.queryForObject("select count(*) from sales_order where connection_id = ?", Integer.class, shop);
        List<JsonNode> published = BusReader.read(topics.bootstrapServers(), List.of(topics.name(Topic.ORDERS)),
                event -> event.path("subject").asText().startsWith(shop + "/"),
                read -> read.size() >= stored, PATIENCE);
        assertThat(published).hasSizeGreaterThanOrEqualTo(stored);
        JsonNode victim = published.get(0);
        Map<String, Object> before = jdbc.queryForMap("select total_minor, sequence from reporting.fact_order"
                + " where connection_id = ? and external_id = ?", shop, victim.at("/data/externalId").asText());

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (JsonNode event : published) {
                // the same events again, as after a relay crash: same ids
                send(producer, event);
                // and copies under new ids, as a consumer whose record of applied ids was lost would see them
                send(producer, ((ObjectNode) event.deepCopy()).put("id", UUID.randomUUID().toString()));
            }
            // an older state of an order, read after the newer one: a smaller total, no lines
            ObjectNode older = victim.deepCopy();
            older.put("id", UUID.randomUUID().toString()).put("sequence", victim.get("sequence").asLong() - 1);
            ((ObjectNode) older.get("data")).put("totalMinor", 1).putArray("lines");
            send(producer, older);
            // and an older removal of it
            ObjectNode removal = victim.deepCopy();
            removal.put("id", UUID.randomUUID().toString()).put("type", "io.mekong.order.removed")
                    .put("sequence", victim.get("sequence").asLong() - 1);
            removal.putObject("data").put("connectionId", shop).put("externalId", victim.at("/data/externalId").asText());
            send(producer, removal);
            producer.flush();
        }
        awaitCaughtUp();

        assertThat(reportingTotals(shop, "none")).isEqualTo(canonical);
        assertThat(jdbc.queryForMap("select total_minor, sequence from reporting.fact_order"
                + " where connection_id = ? and external_id = ?", shop, victim.at("/data/externalId").asText()))
                .isEqualTo(before);
    }

    @Test
    void anErasureAnonymisesThePersonsRowsAndCompletesItsReportingPart() {
        String shop = "rep-erasure-shop";
        // a workspace of its own: erasing a person of the shared shop in the default workspace would erase them from
        // every other test's connections of that shop
        runToEnd(connectionWithSync("rep-erasure", shop, SHOP, "VND", TOKEN));
        awaitEqual(() -> reportingTotals(shop, "none"), canonicalTotals(shop, "none"));
        Map<String, Object> person = jdbc.queryForMap("""
                select po.profile_id, p.golden ->> 'email' as email from profile_order po
                  join sales_order o on o.id = po.order_id join profile p on p.id = po.profile_id
                 where o.connection_id = ? and p.golden ->> 'email' is not null
                   and o.shipping_address ->> 'city' is not null
                 order by po.profile_id limit 1""", shop);
        long profile = ((Number) person.get("profile_id")).longValue();
        List<String> orders = jdbc.queryForList("select external_id from reporting.fact_order where customer_id = ?",
                String.class, profile);
        assertThat(jdbc.queryForObject("select count(*) from reporting.fact_order where customer_id = ?"
                + " and ship_city is not null", Long.class, profile)).isPositive();
        assertThat(jdbc.queryForObject("select email from reporting.dim_customer where profile_id = ?", String.class,
                profile)).isEqualTo(person.get("email"));

        long erasure = call("DELETE", "/api/profiles/" + profile, null, 202).get("erasure").asLong();

        String part = awaitEqual(() -> jdbc.queryForObject("select parts ->> 'reporting' from erasure_request where id = ?",
                String.class, erasure), "completed");
        assertThat(part).isEqualTo("completed");
        assertThat(jdbc.queryForObject("""
                select count(*) from reporting.dim_customer where workspace_id = 'rep-erasure' and (email = ?
                    or (profile_id = ? and (email is not null or phone is not null or first_name is not null
                    or last_name is not null or full_name is not null or city is not null)))""", Long.class,
                person.get("email"), profile))
                .as("the person's personal data in dim_customer of the workspace (another workspace is another merchant)")
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from reporting.fact_order where connection_id = ?"
                + " and external_id = any(?) and ship_city is not null", Long.class, shop, orders.toArray(String[]::new)))
                .as("cities of the person's orders").isZero();
    }

    /**
     * Two erasures of one person read in one poll (a request repeated, or erasures by email and by profile): both are
     * applied. Upserting the person's row twice in one statement failed the poll, and its in-place retry held the whole
     * reporting consumer for good.
     */
    @Test
    void twoErasuresOfOnePersonInOnePollAreBothApplied() {
        long profile = jdbc.queryForObject("select coalesce(max(profile_id), 0) + 1000000 from reporting.dim_customer",
                Long.class);
        jdbc.update("insert into reporting.dim_customer (profile_id, workspace_id, email, full_name, sequence)"
                + " values (?, 'default', 'twice@example.vn', 'Hai Lần', 1)", profile);
        List<BusEvent> erasures = new java.util.ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            ObjectNode data = JSON.createObjectNode().put("erasure", -i).put("profile", profile);
            erasures.add(new BusEvent(UUID.randomUUID(), "io.mekong.erasure.requested", "default", Long.toString(-i),
                    1 + i, Instant.now(), data, null, "mekong.erasures", 0, i));
        }
        writer.apply(erasures);
        assertThat(jdbc.queryForMap("select email, full_name, erased_at is not null as erased from reporting.dim_customer"
                + " where profile_id = ?", profile)).containsEntry("email", null).containsEntry("full_name", null)
                .containsEntry("erased", true);
    }

    /** reporting:apply on polls of 500 order events of 2 lines each, straight, timed: set-based, whatever the size. */
    @Test
    void aPollOf500OrdersIsAppliedInAFixedNumberOfStatements() {
        String connection = "rep-polls";
        long sequence = jdbc.queryForObject("select coalesce(max(sequence), 0) + 1000000 from reporting.fact_order", Long.class);
        List<Long> millis = new java.util.ArrayList<>();
        for (int poll = 0; poll < 4; poll++) {
            List<BusEvent> events = new java.util.ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String id = "o" + (poll * 500 + i);
                ObjectNode data = JSON.createObjectNode().put("connection", connection).put("connector", "shopify")
                        .put("externalId", id).put("currency", "VND").put("totalMinor", 300000).put("refundedMinor", 0)
                        .put("status", "open").put("financialStatus", "paid").put("placedAt", "2025-03-0" + (1 + i % 9) + "T03:00:00Z");
                data.putArray("lines").add(JSON.createObjectNode().put("title", "Áo").put("quantity", 1).put("unitPriceMinor", 100000))
                        .add(JSON.createObjectNode().put("title", "Quần").put("quantity", 2).put("unitPriceMinor", 100000));
                events.add(new BusEvent(UUID.randomUUID(), "io.mekong.order.changed", "default", connection + "/" + id,
                        ++sequence, Instant.now(), data, null, "mekong.orders", 0, sequence));
            }
            long started = System.nanoTime();
            writer.apply(events);
            millis.add((System.nanoTime() - started) / 1_000_000);
        }
        System.out.printf("reporting:apply of 4 polls of 500 orders (1,000 lines each): %s ms%n", millis);
        assertThat(reportingTotals(connection, "none")).containsEntry("orders", 2000L).containsEntry("lines", "4000/6000")
                .containsEntry("revenue", Map.of("VND", 600_000_000L));

        // ten orders removed from the hub (their connection went): rows and lines gone; an older event of one, read
        // afterwards, does not bring it back
        List<BusEvent> removals = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            removals.add(new BusEvent(UUID.randomUUID(), "io.mekong.order.removed", "default", connection + "/o" + i,
                    ++sequence, Instant.now(), JSON.createObjectNode().put("connectionId", connection).put("externalId", "o" + i),
                    null, "mekong.orders", 0, sequence));
        }
        writer.apply(removals);
        ObjectNode stale = JSON.createObjectNode().put("connection", connection).put("connector", "shopify").put("externalId", "o0").put("currency", "VND")
                .put("totalMinor", 1).put("status", "open").put("placedAt", "2025-03-01T03:00:00Z");
        writer.apply(List.of(new BusEvent(UUID.randomUUID(), "io.mekong.order.changed", "default", connection + "/o0",
                sequence - 100, Instant.now(), stale, null, "mekong.orders", 0, sequence)));
        assertThat(reportingTotals(connection, "none")).containsEntry("orders", 1990L).containsEntry("lines", "3980/5970");
    }

    /**
     * A cancelled order whose source says nothing of payment (a Magento order cancelled before any invoice) is no
     * purchase, as the profile totals count it; it once made purchase null, which the table refuses, and the refused
     * poll held every later event of reporting behind it.
     */
    @Test
    void aCancelledOrderWithNoPaymentStatusIsNoPurchaseAndHoldsNothingBack() {
        String connection = "rep-unpaid";
        long sequence = jdbc.queryForObject("select coalesce(max(sequence), 0) + 1000000 from reporting.fact_order", Long.class);
        ObjectNode cancelled = JSON.createObjectNode().put("connection", connection).put("connector", "magento")
                .put("externalId", "c1").put("currency", "VND").put("totalMinor", 390000).put("status", "cancelled")
                .put("placedAt", "2026-03-02T00:00:00Z");
        ObjectNode paid = cancelled.deepCopy().put("externalId", "p1").put("status", "open").put("financialStatus", "paid");
        writer.apply(List.of(
                new BusEvent(UUID.randomUUID(), "io.mekong.order.changed", "default", connection + "/c1", ++sequence,
                        Instant.now(), cancelled, null, "mekong.orders", 0, sequence),
                new BusEvent(UUID.randomUUID(), "io.mekong.order.changed", "default", connection + "/p1", ++sequence,
                        Instant.now(), paid, null, "mekong.orders", 0, sequence)));
        assertThat(jdbc.queryForList("select external_id, purchase, net_revenue_minor from reporting.fact_order"
                + " where connection_id = ? order by external_id", connection))
                .containsExactly(Map.of("external_id", "c1", "purchase", false, "net_revenue_minor", 0L),
                        Map.of("external_id", "p1", "purchase", true, "net_revenue_minor", 390000L));
    }

    @Test
    void theReadOnlyRoleReadsTheReportingSchemaOnly() {
        assertThat(jdbc.queryForObject("select has_table_privilege('mekong_reporting_reader', 'reporting.fact_order',"
                + " 'SELECT') and has_table_privilege('mekong_reporting_reader', 'reporting.revenue', 'SELECT')"
                + " and not has_table_privilege('mekong_reporting_reader', 'reporting.fact_order', 'INSERT')"
                + " and not has_table_privilege('mekong_reporting_reader', 'public.sales_order', 'SELECT')",
                Boolean.class)).isTrue();
    }

    /** The store's figures for a shop connection and a payment connection, as the hub's own rules compute them. */
    private Map<String, Object> canonicalTotals(String shop, String payments) {
        return Map.of(
                "orders", jdbc.queryForObject("select count(*) from sales_order where connection_id = ?", Long.class, shop),
                "revenue", perCurrency("""
                        select currency, sum(case when financial_status is distinct from 'voided'
                                   and financial_status is distinct from 'refunded'
                                   and (status <> 'cancelled' or financial_status in ('paid', 'partially_refunded'))
                                  then greatest(total_minor - refunded_minor, 0) else 0 end)
                          from sales_order where connection_id = ? and not deleted and not test group by currency""", shop),
                "lines", jdbc.queryForObject("""
                        select count(*) || '/' || coalesce(sum(l.quantity), 0) from order_line l
                          join sales_order o on o.id = l.order_id where o.connection_id = ?""", String.class, shop),
                "payments", jdbc.queryForObject("select count(*) from payment_totals where connection_id = ?", Long.class, payments),
                "captured", perCurrency("select currency, sum(captured_minor) from payment_totals where connection_id = ?"
                        + " group by currency", payments));
    }

    private Map<String, Object> reportingTotals(String shop, String payments) {
        return Map.of(
                "orders", jdbc.queryForObject("select count(*) from reporting.fact_order where connection_id = ?", Long.class, shop),
                "revenue", perCurrency("select currency, sum(net_revenue_minor) from reporting.fact_order"
                        + " where connection_id = ? and not deleted and not test group by currency", shop),
                "lines", jdbc.queryForObject("select count(*) || '/' || coalesce(sum(quantity), 0)"
                        + " from reporting.fact_order_line where connection_id = ?", String.class, shop),
                "payments", jdbc.queryForObject("select count(*) from reporting.fact_payment where connection_id = ?"
                        + " and not deleted", Long.class, payments),
                "captured", perCurrency("select currency, sum(captured_minor) from reporting.fact_payment"
                        + " where connection_id = ? and not deleted group by currency", payments));
    }

    private Map<String, Long> perCurrency(String sql, String connection) {
        Map<String, Long> sums = new HashMap<>();
        jdbc.query(sql, rs -> {
            sums.put(rs.getString(1).trim(), rs.getLong(2));
        }, connection);
        return sums;
    }

    private Map<String, Long> orderCustomers(String shop) {
        Map<String, Long> customers = new HashMap<>();
        jdbc.query("select external_id, customer_id from reporting.fact_order where connection_id = ?"
                + " and customer_id is not null", rs -> {
                    customers.put(rs.getString(1), rs.getLong(2));
                }, shop);
        return customers;
    }

    /** Polls until {@code actual} equals {@code expected} or the deadline passes; returns the last value read. */
    private static <T> T awaitEqual(Supplier<T> actual, T expected) {
        Instant deadline = Instant.now().plus(PATIENCE);
        T last = actual.get();
        while (!Objects.equals(last, expected) && Instant.now().isBefore(deadline)) {
            sleep(200);
            last = actual.get();
        }
        return last;
    }

    private void send(KafkaProducer<String, String> producer, JsonNode event) throws Exception {
        String topic = topics.name(Topic.of(event.get("type").asText().contains(".order.") ? "orders" : "profiles"));
        producer.send(new ProducerRecord<>(topic, event.get("workspace").asText() + "/" + event.get("subject").asText(),
                event.toString())).get();
    }

    /** Waits until the reporting group has committed every offset of its topics' ends: it has read all they hold. */
    private void awaitCaughtUp() throws Exception {
        String group = "mekong." + ReportingWriter.CONSUMER;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers()))) {
            List<String> names = List.of(topics.name(Topic.ORDERS), topics.name(Topic.PROFILES));
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(names).allTopicNames().get().values().stream()
                    .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Instant deadline = Instant.now().plus(PATIENCE);
            Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
            while (Instant.now().isBefore(deadline)) {
                committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetAndMetadata> now = committed;
                if (ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || now.containsKey(e.getKey()) && now.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                sleep(200);
            }
            throw new AssertionError("the reporting consumer did not catch up: ends " + ends + ", committed " + committed);
        }
    }
}
