package io.mekong.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.bus.BusTopics;
import io.mekong.bus.Topic;
import io.mekong.ops.AppUsers;
import io.mekong.testing.BusReader;
import io.mekong.ops.Role;
import io.mekong.sandbox.shopify.Order;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DELETE /api/profiles/{id}: after an erasure, no table of the schema holds the person's email, phone or name in any
 * column that can hold text, while the orders' non-personal facts remain; a later sync of the same records stores
 * them redacted again, and so are deliveries about the person that arrive while the erasure runs; nothing of another
 * workspace's person with the same email is touched.
 */
class ErasureTest extends PrivacyFixture {

    private static final String WS = "privacy-erase";

    @Autowired
    BusTopics topics;
    @Autowired
    AppUsers users;
    @Autowired
    MeterRegistry meters;

    @Test
    void afterAnErasureNoColumnOfAnyTableHoldsThePersonAndTheOrdersFactsRemain() throws Exception {
        Person person = uniquePerson(4, "Kínđáo", "Bímật", "Kindao.Bimat@Example.VN", "+84987650321", "0987 650 321");
        workspace(WS);
        // a checkout the person left: who left it and the link back to it are theirs, the cart is not
        long variant = shop().read(() -> shop().products().iterator().next().variants.get(0).id);
        shop().leaveCheckout(person.customerId(), variant, 2, OffsetDateTime.parse("2025-05-01T10:00:00+07:00"));
        syncedShop("erase-shop", WS);
        stripeConnection("erase-stripe", WS);
        stripeCustomer("erase-stripe", "cus_Erase1", person, "evt_erase_1");
        // a poison event that mentions the person: a dead letter holding their email
        assertThat(stripe("erase-stripe", "{\"id\":\"evt_erase_poison\",\"object\":\"event\",\"type\":\"customer.updated\","
                + "\"created\":1746100600,\"data\":{\"email\":\"" + person.email() + "\"}}")).isEqualTo(200);
        // a Shopify delivery about the customer: its body stays in the inbox
        assertThat(shopify("erase-shop", "customers/update", "evt-erase-" + person.customerId(), "{\"id\":"
                + person.customerId() + ",\"email\":\"" + person.email() + "\",\"first_name\":\"" + person.first() + "\"}"))
                .isEqualTo(200);
        processWebhooks();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where connection_id = 'erase-stripe'", Integer.class))
                .isEqualTo(1);
        // a payment of the Stripe customer (the Stripe simulator's payments are not needed to prove the redaction)
        jdbc.update("insert into payment (workspace_id, connection_id, external_id, status, amount_minor, captured_minor,"
                + " currency, customer_external_id, email, email_normalized, description, source_updated_at, content_hash)"
                + " values (?, 'erase-stripe', 'pi_Erase1', 'succeeded', 150000, 150000, 'VND', 'cus_Erase1', ?, ?, ?, now(), 'h')",
                WS, person.email(), person.email().toLowerCase(), "Đơn của " + person.name());
        // resolution joined the shop's customer and the Stripe customer: same email (and phone)
        String customerId = Long.toString(person.customerId());
        long profile = profileOf("erase-shop", "customer", customerId);
        assertThat(profileOf("erase-stripe", "customer", "cus_Erase1")).as("one person in both systems").isEqualTo(profile);
        assertThat(jdbc.queryForList("select connection_id || '/' || kind || '/' || external_id from identity"
                + " where profile_id = ?", String.class, profile))
                .containsExactlyInAnyOrder("erase-shop/customer/" + customerId, "erase-stripe/customer/cus_Erase1");
        assertThat(mergeRules(profile)).containsExactly("same-email");
        assertThat(holders(person, WS).stream().map(h -> h.substring(0, h.indexOf(' '))).distinct())
                .as("the scan finds the person everywhere they are held before the erasure")
                .contains("customer.email", "customer.phone", "customer.first_name", "customer.default_address",
                        "customer.note", "checkout.email", "checkout.phone", "sales_order.email", "sales_order.billing_address", "sales_order.note",
                        "source_record.payload", "dead_letter.payload", "webhook_inbox.body", "payment.email",
                        "payment.description", "identity.name_folded", "identity_key.value", "profile.golden",
                        "profile_merge.evidence");
        List<Map<String, Object>> facts = orderFacts(person);
        assertThat(facts).hasSize(person.orderIds().size());

        ensureUser("privacy-viewer", Role.VIEWER, null);
        assertThat(send("DELETE", "/api/profiles/" + profile, null, "privacy-viewer", "viewer-pass").statusCode())
                .as("a viewer may not erase").isEqualTo(403);
        long erasure = call("DELETE", "/api/profiles/" + profile, null, 202).get("erasure").asLong();

        assertThat(holders(person, WS)).as("tables and columns still holding the person").isEmpty();
        assertThat(orderFacts(person)).as("amounts, currency, dates, statuses, numbers and lines remain").isEqualTo(facts);
        assertThat(jdbc.queryForObject("select count(*) from checkout k where connection_id = 'erase-shop'"
                + " and customer_external_id = ? and recovery_url is null and total_minor > 0 and exists"
                + " (select 1 from checkout_line l where l.checkout_id = k.id and l.quantity = 2)", Integer.class,
                Long.toString(person.customerId()))).as("the person's cart remains, without them").isEqualTo(1);
        JsonNode request = completedErasure(erasure);
        assertThat(request.get("profile").asLong()).isEqualTo(profile);
        assertThat(request.at("/parts/store").asText()).isEqualTo("completed");
        // no destination of the workspace receives erasures: there is no target to wait for
        assertThat(request.at("/parts/targets").asText()).isEqualTo("completed");
        assertThat(request.get("targets")).isEmpty();
        assertThat(request.at("/subject/customers").asInt()).isEqualTo(2);
        assertThat(request.at("/subject/orders").asInt()).isEqualTo(person.orderIds().size());
        assertThat(request.at("/subject/payments").asInt()).isEqualTo(1);
        assertThat(request.at("/subject/keys/email").get(0).asText()).isEqualTo(sha256(person.email().toLowerCase()));
        List<JsonNode> published = BusReader.read(topics.bootstrapServers(), List.of(topics.name(Topic.ERASURES)),
                event -> event.get("subject").asText().equals(Long.toString(erasure)), read -> !read.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(published).as("the erasure's event on the bus").hasSize(1);
        assertThat(published.get(0).get("type").asText()).isEqualTo("io.mekong.erasure.requested");
        assertThat(published.get(0).at("/data/keys/email/0").asText()).isEqualTo(sha256(person.email().toLowerCase()));
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where connection_id = 'erase-stripe'"
                + " and status = 'discarded'", Integer.class)).isEqualTo(1);

        // the shop still has the person: a later change there is synced, and stored redacted again
        shop().updateCustomer(person.customerId(), c -> c.tags = List.of("vip"));
        Order order = shop().order(person.orderIds().get(0));
        shop().addOrderTag(order.id, "after-erasure");
        long sync = jdbc.queryForObject("select id from sync_job where connection_id = 'erase-shop'", Long.class);
        JsonNode run = runToEnd(sync);
        assertThat(stream(run, "customers").get("updated").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(holders(person, WS)).as("after the shop's records came back").isEmpty();
        assertThat(meters.counter("mekong.privacy.redacted.again").count()).as("counted").isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject("select tags::text from sales_order where connection_id = 'erase-shop'"
                + " and external_id = ?", String.class, Long.toString(order.id))).contains("after-erasure");
    }

    @Test
    void anErasureInOneWorkspaceLeavesAnotherWorkspacesPersonWithTheSameEmailWhole() {
        workspace("privacy-twin");
        workspace("privacy-b");
        Person person = new Person("Lưu", "Song Sinh", "Song.Sinh@Example.VN", "+84911000222", "0911 000 222", 0, List.of());
        stripeConnection("twin-a", "privacy-twin");
        stripeConnection("twin-b", "privacy-b");
        stripeCustomer("twin-a", "cus_Twin", person, "evt_twin_a");
        stripeCustomer("twin-b", "cus_Twin", person, "evt_twin_b");
        processWebhooks();
        long profileA = profileOf("twin-a", "customer", "cus_Twin");
        long profileB = profileOf("twin-b", "customer", "cus_Twin");
        assertThat(profileB).as("workspaces never meet").isNotEqualTo(profileA);
        List<String> keysB = jdbc.queryForList("select k.kind || '=' || k.value from identity_key k"
                + " join identity i on i.id = k.identity_id where i.profile_id = ? order by 1", String.class, profileB);
        assertThat(keysB).contains("email=song.sinh@example.vn", "phone=" + person.e164());
        String goldenB = jdbc.queryForObject("select golden::text from profile where id = ?", String.class, profileB);
        assertThat(goldenB).contains("song.sinh@example.vn");
        ensureUser("privacy-merchant-b", Role.MERCHANT, "privacy-b");

        assertThat(send("DELETE", "/api/profiles/" + profileA, null, "privacy-merchant-b", "merchant-pass").statusCode())
                .as("another workspace's profile does not exist for a merchant").isEqualTo(404);
        assertThat(send("GET", "/api/profiles/" + profileA + "/export", null, "privacy-merchant-b", "merchant-pass")
                .statusCode()).isEqualTo(404);
        long erasure = call("DELETE", "/api/profiles/" + profileA, null, 202).get("erasure").asLong();
        assertThat(send("GET", "/api/erasures/" + erasure, null, "privacy-merchant-b", "merchant-pass").statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/erasures/" + erasure + "?workspace=privacy-b", null, "admin", ADMIN_PASSWORD)
                .statusCode()).as("not in the workspace named").isEqualTo(404);

        assertThat(jdbc.queryForObject("select email from customer where connection_id = 'twin-a'", String.class)).isNull();
        assertThat(jdbc.queryForObject("select email from customer where connection_id = 'twin-b'", String.class))
                .isEqualTo("song.sinh@example.vn");
        assertThat(jdbc.queryForObject("select payload ->> 'email' from source_record where connection_id = 'twin-b'",
                String.class)).isEqualTo("song.sinh@example.vn");
        assertThat(jdbc.queryForObject("select body::text from webhook_inbox where connection_id = 'twin-b'", String.class))
                .contains("song.sinh@example.vn");
        assertThat(jdbc.queryForList("select k.kind || '=' || k.value from identity_key k"
                + " join identity i on i.id = k.identity_id where i.profile_id = ? order by 1", String.class, profileB))
                .isEqualTo(keysB);
        assertThat(jdbc.queryForObject("select name_folded from identity where profile_id = ?", String.class, profileB))
                .isEqualTo("luu song sinh");
        assertThat(jdbc.queryForObject("select golden::text from profile where id = ?", String.class, profileB))
                .isEqualTo(goldenB);
        assertThat(jdbc.queryForObject("select body::text from webhook_inbox where connection_id = 'twin-a'", String.class))
                .doesNotContain("song.sinh@example.vn");
    }

    @Test
    void deliveriesAboutThePersonDuringTheErasureAreStoredRedactedAndNothingWaitsForEver() throws Exception {
        String workspace = "privacy-race";
        workspace(workspace);
        Person person = new Person("Đua", "Cùng Lúc", "Dua.CungLuc@Example.VN", "+84911000333", "0911 000 333", 0, List.of());
        stripeConnection("race-stripe", workspace);
        stripeCustomer("race-stripe", "cus_Race", person, "evt_race_0");
        // a poison event naming the person by the one whole name Stripe gives (no email, no phone): a dead letter
        assertThat(stripe("race-stripe", "{\"id\":\"evt_race_poison\",\"object\":\"event\",\"type\":\"customer.updated\","
                + "\"created\":1746100600,\"data\":{\"name\":\"" + person.name() + "\"}}")).isEqualTo(200);
        processWebhooks();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where connection_id = 'race-stripe'", Integer.class))
                .isEqualTo(1);
        long profile = profileOf("race-stripe", "customer", "cus_Race");

        // the erasure and a stream of deliveries about the same customer, each processed at once, side by side
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            Future<JsonNode> erasure = both.submit(() -> call("DELETE", "/api/profiles/" + profile, null, 202));
            Future<Void> deliveries = both.submit(() -> {
                for (int i = 1; i <= 15; i++) {
                    stripeCustomer("race-stripe", "cus_Race", person, "evt_race_" + i);
                    processWebhooks();
                }
                return null;
            });
            long erasureId = erasure.get(2, TimeUnit.MINUTES).get("erasure").asLong();
            deliveries.get(2, TimeUnit.MINUTES);
            // and one surely after it
            stripeCustomer("race-stripe", "cus_Race", person, "evt_race_after");
            processWebhooks();

            completedErasure(erasureId);
        } finally {
            both.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where connection_id = 'race-stripe'"
                + " and status <> 'processed'", Integer.class)).as("deliveries not processed").isZero();
        assertThat(holders(person, workspace)).as("tables and columns still holding the person").isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from customer where connection_id = 'race-stripe'", Integer.class))
                .as("the customer's record is kept, redacted").isEqualTo(1);
    }

    /**
     * Every (table, column) of the schema whose text holds one of the person's strings, case-insensitively: every
     * column of a type that can hold text (text, varchar, char, json, jsonb, arrays of them), of every table, found in
     * information_schema so that a table added later is searched too. Rows of another workspace are not searched: an
     * erasure is the workspace's (one merchant's), and another merchant may hold the same person (the test database is
     * shared with other tests whose connections read the same simulated shop); the second test checks that they keep
     * them. A table with neither a workspace nor a connection column is searched whole.
     */
    private List<String> holders(Person person, String workspace) {
        List<Map<String, Object>> columns = jdbc.queryForList("""
                select c.table_name, c.column_name,
                       exists (select 1 from information_schema.columns w where w.table_schema = c.table_schema
                               and w.table_name = c.table_name and w.column_name = 'workspace_id') as has_workspace,
                       exists (select 1 from information_schema.columns w where w.table_schema = c.table_schema
                               and w.table_name = c.table_name and w.column_name = 'connection_id') as has_connection
                from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                  and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
                       or c.udt_name in ('_text', '_varchar', '_bpchar', '_json', '_jsonb'))""");
        assertThat(columns).hasSizeGreaterThan(50);
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            String scope = Boolean.TRUE.equals(column.get("has_workspace")) ? " and workspace_id = '" + workspace + "'"
                    : Boolean.TRUE.equals(column.get("has_connection"))
                            ? " and connection_id in (select id from connection where workspace_id = '" + workspace + "')" : "";
            for (String needle : person.needles()) {
                Integer hits = jdbc.queryForObject("select count(*) from \"" + table + "\" where strpos(lower(\""
                        + name + "\"::text), lower(?)) > 0" + scope, Integer.class, needle);
                if (hits > 0) {
                    found.add(table + "." + name + " holds '" + needle + "' in " + hits + " rows");
                }
            }
        }
        return found;
    }

    private List<Map<String, Object>> orderFacts(Person person) {
        return jdbc.queryForList("""
                select o.external_id, o.order_number, o.currency, o.total_minor, o.refunded_minor, o.subtotal_minor,
                       o.financial_status, o.status, o.placed_at, o.customer_external_id,
                       (select string_agg(concat_ws('/', l.sku, l.quantity, l.unit_price_minor, l.product_external_id), ','
                               order by l.line_no) from order_line l where l.order_id = o.id) as lines
                from sales_order o where o.connection_id = 'erase-shop' and o.external_id = any(?) order by o.external_id""",
                (Object) person.orderIds().stream().map(String::valueOf).toArray(String[]::new));
    }

    private void ensureUser(String name, Role role, String workspace) {
        if (!users.exists(name)) {
            users.create(name, role == Role.VIEWER ? "viewer-pass" : "merchant-pass", role, workspace);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
