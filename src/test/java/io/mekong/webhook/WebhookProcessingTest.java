package io.mekong.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.sandbox.shopify.Order;
import io.mekong.sandbox.shopify.ShopifyWebhooks;
import io.mekong.testing.HubIntegrationTest;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Verified deliveries processed from the inbox into the store over real HTTP: Shopify's REST-shaped bodies read
 * again through the GraphQL lookup, Stripe's events mapped as they are, deletions as tombstones that a late update
 * cannot undo, a poison delivery into dead letters, an unreadable source tried again later.
 */
class WebhookProcessingTest extends HubIntegrationTest {

    private static final String SHOPIFY_SECRET = "shpss_processing_secret";
    private static final String STRIPE_SECRET = "whsec_processing_secret";

    @Autowired
    private ShopifyWebhooks shopifyWebhooks;

    @BeforeEach
    void connections() {
        if (jdbc.queryForObject("select count(*) from connection where id = 'proc-shop'", Integer.class) == 0) {
            call("POST", "/api/connections", Map.of("id", "proc-shop", "connector", "shopify",
                    "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                    "secrets", Map.of("accessToken", TOKEN, "webhookSecret", SHOPIFY_SECRET)), 201);
            call("POST", "/api/connections", Map.of("id", "proc-shop-bad-token", "connector", "shopify",
                    "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                    "secrets", Map.of("accessToken", "shpat_revoked", "webhookSecret", SHOPIFY_SECRET)), 201);
            call("POST", "/api/connections", Map.of("id", "proc-stripe", "connector", "stripe",
                    "params", Map.of(), "secrets", Map.of("secretKey", "sk_test_processing", "webhookSecret", STRIPE_SECRET)), 201);
        }
    }

    private int shopify(String connection, String topic, String eventId, String body, String triggeredAt) throws Exception {
        return new SignedDeliveries(port).shopify(connection, SHOPIFY_SECRET, topic, eventId, body, triggeredAt).statusCode();
    }

    private int stripe(String body) throws Exception {
        return new SignedDeliveries(port).stripe("proc-stripe", STRIPE_SECRET, body).statusCode();
    }

    private Map<String, Object> inbox(String connection, String eventId) {
        return jdbc.queryForMap("select status, outcome, attempts, error, next_attempt_at from webhook_inbox"
                + " where connection_id = ? and dedupe_key = ?", connection, "event:" + eventId);
    }

    private static String orderBody(Order order) {
        return "{\"id\":" + order.id + ",\"admin_graphql_api_id\":\"gid://shopify/Order/" + order.id
                + "\",\"note\":\"REST-shaped, not what the mapping reads\"}";
    }

    @Test
    void aShopifyOrderWebhookStoresTheOrderAsTheShopHasItNow() throws Exception {
        Order order = shop().orders().stream().filter(o -> o.cancelledAt == null).skip(3).findFirst().orElseThrow();
        shop().addOrderTag(order.id, "webhook-tagged");

        assertThat(shopify("proc-shop", "orders/updated", "evt-order-" + order.id, orderBody(order), null)).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from sales_order where connection_id = 'proc-shop' and external_id = ?",
                Integer.class, Long.toString(order.id))).as("nothing is stored before processing").isZero();
        processWebhooks();

        assertThat(inbox("proc-shop", "evt-order-" + order.id)).containsEntry("status", "processed").containsEntry("outcome", "stored");
        Map<String, Object> stored = jdbc.queryForMap("select tags, deleted from sales_order where connection_id = 'proc-shop'"
                + " and external_id = ?", Long.toString(order.id));
        assertThat(stored.get("tags").toString()).contains("webhook-tagged");
        assertThat(stored).containsEntry("deleted", false);
    }

    @Test
    void aCancellationInTheShopArrivesByTheShopsOwnSignedWebhookAndIsStoredAsCancelled() throws Exception {
        call("POST", "/api/connections", Map.of("id", "proc-subscribed", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                "secrets", Map.of("accessToken", TOKEN, "webhookSecret", SHOPIFY_SECRET)), 201);
        shopifyWebhooks.subscribe(shop(), URI.create("http://localhost:" + port + "/webhooks/shopify/proc-subscribed"),
                SHOPIFY_SECRET, java.util.Set.of("orders/cancelled"));
        Order order = shop().orders().stream().filter(o -> o.cancelledAt == null).skip(11).findFirst().orElseThrow();

        shop().cancelOrder(order.id, "CUSTOMER");
        Instant deadline = Instant.now().plusSeconds(30);
        while (jdbc.queryForObject("select count(*) from webhook_inbox where connection_id = 'proc-subscribed'", Integer.class) == 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        processWebhooks();

        assertThat(jdbc.queryForMap("select topic, status, outcome from webhook_inbox where connection_id = 'proc-subscribed'"))
                .containsEntry("topic", "orders/cancelled").containsEntry("status", "processed").containsEntry("outcome", "stored");
        assertThat(jdbc.queryForMap("select status, cancel_reason from sales_order where connection_id = 'proc-subscribed'"
                + " and external_id = ?", Long.toString(order.id)))
                .containsEntry("status", "cancelled").containsEntry("cancel_reason", "customer");
    }

    @Test
    void aDeletionIsATombstoneThatALateOlderUpdateCannotUndo() throws Exception {
        Order order = shop().orders().stream().skip(7).findFirst().orElseThrow();
        assertThat(shopify("proc-shop", "orders/create", "evt-create-" + order.id, orderBody(order), null)).isEqualTo(200);
        processWebhooks();
        shop().deleteOrder(order.id);
        String deletedAt = order.updatedAt.plusSeconds(1).toString();
        assertThat(shopify("proc-shop", "orders/delete", "evt-delete-" + order.id, "{\"id\":" + order.id + "}", deletedAt))
                .isEqualTo(200);
        processWebhooks();
        // an update Shopify sent before the deletion, delivered after it: the shop no longer has the order to read
        assertThat(shopify("proc-shop", "orders/updated", "evt-late-" + order.id,
                orderBody(order).replace("REST-shaped", "sent before the deletion, REST-shaped"), null)).isEqualTo(200);
        processWebhooks();

        assertThat(inbox("proc-shop", "evt-delete-" + order.id)).containsEntry("outcome", "deleted");
        assertThat(jdbc.queryForObject("select deleted from sales_order where connection_id = 'proc-shop' and external_id = ?",
                Boolean.class, Long.toString(order.id))).isTrue();
        assertThat(jdbc.queryForObject("select source_updated_at from sales_order where connection_id = 'proc-shop'"
                + " and external_id = ?", java.sql.Timestamp.class, Long.toString(order.id)).toInstant())
                .as("the tombstone keeps its own time").isEqualTo(java.time.OffsetDateTime.parse(deletedAt).toInstant());
        assertThat(inbox("proc-shop", "evt-late-" + order.id)).containsEntry("outcome", "not found at the source");
    }

    @Test
    void aStripeEventIsMappedAsItIsAndAPoisonEventBecomesADeadLetter() throws Exception {
        String customer = "{\"id\":\"cus_Proc1\",\"object\":\"customer\",\"created\":1746100000,\"email\":\"Lan.Nguyen@Example.vn\","
                + "\"name\":\"Nguyễn Thị Lan\",\"phone\":\"+84912345678\",\"address\":null,\"deleted\":false,\"metadata\":{}}";
        assertThat(stripe("{\"id\":\"evt_Proc1\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":1746100500,"
                + "\"data\":{\"object\":" + customer + "}}")).isEqualTo(200);
        assertThat(stripe("{\"id\":\"evt_Poison\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":1746100600,"
                + "\"data\":{}}")).isEqualTo(200);
        processWebhooks();

        assertThat(inbox("proc-stripe", "evt_Proc1")).containsEntry("outcome", "stored");
        assertThat(jdbc.queryForObject("select email from customer where connection_id = 'proc-stripe' and external_id = 'cus_Proc1'",
                String.class)).isEqualTo("Lan.Nguyen@Example.vn");
        assertThat(inbox("proc-stripe", "evt_Poison")).containsEntry("outcome", "rejected: see dead letters");
        assertThat(jdbc.queryForObject("select reason from dead_letter where connection_id = 'proc-stripe'"
                + " and payload ->> 'id' = 'evt_Poison'", String.class))
                .isEqualTo("webhook customer.updated has no record at /data/object of its body");

        assertThat(stripe("{\"id\":\"evt_Del1\",\"object\":\"event\",\"type\":\"customer.deleted\",\"created\":1746200000,"
                + "\"data\":{\"object\":{\"id\":\"cus_Proc1\",\"object\":\"customer\",\"deleted\":true}}}")).isEqualTo(200);
        processWebhooks();
        assertThat(jdbc.queryForMap("select deleted, source_updated_at from customer where connection_id = 'proc-stripe'"
                + " and external_id = 'cus_Proc1'")).containsEntry("deleted", true)
                .containsEntry("source_updated_at", java.sql.Timestamp.from(Instant.ofEpochSecond(1746200000)));
    }

    @Test
    void anOlderStripeEventDeliveredAfterANewerOneIsNotApplied() throws Exception {
        String customer = "{\"id\":\"cus_Order1\",\"object\":\"customer\",\"created\":1746100000,\"email\":\"%s\","
                + "\"name\":\"Trần Văn Minh\",\"phone\":null,\"address\":null,\"metadata\":{}}";
        String newer = "{\"id\":\"evt_Order_new\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":1746300000,"
                + "\"data\":{\"object\":" + customer.formatted("minh.new@example.vn") + "}}";
        String older = "{\"id\":\"evt_Order_old\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":1746200000,"
                + "\"data\":{\"object\":" + customer.formatted("minh.old@example.vn") + "}}";
        assertThat(stripe(newer)).isEqualTo(200);
        processWebhooks();
        assertThat(stripe(older)).isEqualTo(200);
        processWebhooks();

        assertThat(inbox("proc-stripe", "evt_Order_old")).containsEntry("outcome", "stale: a newer event of this record was applied");
        assertThat(jdbc.queryForObject("select email from customer where connection_id = 'proc-stripe' and external_id = 'cus_Order1'",
                String.class)).isEqualTo("minh.new@example.vn");
    }

    @Test
    void anUpdateSentBeforeADeletionAndDeliveredAfterItDoesNotBringTheCustomerBack() throws Exception {
        String customer = "{\"id\":\"cus_Gone1\",\"object\":\"customer\",\"created\":1746100000,\"email\":\"gone@example.vn\","
                + "\"name\":\"Lê Thị Hoa\",\"phone\":null,\"address\":null,\"metadata\":{}}";
        assertThat(stripe("{\"id\":\"evt_Gone_create\",\"object\":\"event\",\"type\":\"customer.created\",\"created\":1746100000,"
                + "\"data\":{\"object\":" + customer + "}}")).isEqualTo(200);
        processWebhooks();
        // the deletion and, in the same batch, an update Stripe sent before it
        assertThat(stripe("{\"id\":\"evt_Gone_delete\",\"object\":\"event\",\"type\":\"customer.deleted\",\"created\":1746300000,"
                + "\"data\":{\"object\":{\"id\":\"cus_Gone1\",\"object\":\"customer\",\"deleted\":true}}}")).isEqualTo(200);
        assertThat(stripe("{\"id\":\"evt_Gone_update\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":1746200000,"
                + "\"data\":{\"object\":" + customer.replace("gone@", "late@") + "}}")).isEqualTo(200);
        processWebhooks();

        assertThat(inbox("proc-stripe", "evt_Gone_delete")).containsEntry("outcome", "deleted");
        assertThat(inbox("proc-stripe", "evt_Gone_update")).containsEntry("outcome", "stale: a newer event of this record was applied");
        assertThat(jdbc.queryForMap("select deleted, email from customer where connection_id = 'proc-stripe'"
                + " and external_id = 'cus_Gone1'")).containsEntry("deleted", true).containsEntry("email", "gone@example.vn");
    }

    @Test
    void aSourceThatCannotBeReadLeavesTheDeliveryPendingForALaterAttempt() throws Exception {
        Order order = shop().orders().iterator().next();
        assertThat(shopify("proc-shop-bad-token", "orders/updated", "evt-unreadable", orderBody(order), null)).isEqualTo(200);
        processWebhooks();

        Map<String, Object> row = inbox("proc-shop-bad-token", "evt-unreadable");
        assertThat(row).containsEntry("status", "pending").containsEntry("attempts", 1);
        assertThat((String) row.get("error")).contains("HTTP 401").doesNotContain("shpat_revoked");
        assertThat(((java.sql.Timestamp) row.get("next_attempt_at")).toInstant()).isAfter(Instant.now());
        assertThat(processWebhooks()).as("not due again yet").isZero();
    }

    @Test
    void anIncrementalPollReportsWhatNoWebhookHadDelivered() throws Exception {
        call("POST", "/api/connections", Map.of("id", "proc-reconcile", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                "secrets", Map.of("accessToken", TOKEN, "webhookSecret", SHOPIFY_SECRET)), 201);
        long sync = call("POST", "/api/syncs", Map.of("connection", "proc-reconcile", "streams", java.util.List.of("orders")),
                201).get("id").asLong();
        com.fasterxml.jackson.databind.JsonNode first = runToEnd(sync);
        assertThat(stream(first, "orders").has("missedByWebhooks")).as("a first full read reconciles nothing").isFalse();

        java.util.List<Order> open = shop().orders().stream().filter(o -> o.cancelledAt == null).skip(20).limit(3).toList();
        open.forEach(o -> shop().addOrderTag(o.id, "reconcile"));
        // the shop's webhook reached the hub for the first change only
        assertThat(shopify("proc-reconcile", "orders/updated", "evt-reconcile-" + open.get(0).id, orderBody(open.get(0)), null))
                .isEqualTo(200);
        processWebhooks();
        com.fasterxml.jackson.databind.JsonNode second = runToEnd(sync);

        assertThat(second.get("status").asText()).isEqualTo("succeeded");
        assertThat(stream(second, "orders").get("updated").asInt()).isEqualTo(2);
        assertThat(stream(second, "orders").get("missedByWebhooks").asInt()).isEqualTo(2);
    }

    @Test
    void aDeliveryThatNamesNoRecordIsMarkedFailedWithTheReasonAndTheOthersAreStored() throws Exception {
        Order order = shop().orders().stream().filter(o -> o.cancelledAt == null).skip(30).findFirst().orElseThrow();
        assertThat(shopify("proc-shop", "orders/updated", "evt-nameless", "{\"note\":\"no id here\"}", null)).isEqualTo(200);
        assertThat(shopify("proc-shop", "orders/updated", "evt-named-" + order.id, orderBody(order), null)).isEqualTo(200);
        processWebhooks();

        assertThat(inbox("proc-shop", "evt-nameless")).containsEntry("status", "failed")
                .containsEntry("outcome", "no key at /admin_graphql_api_id of the body");
        assertThat(inbox("proc-shop", "evt-named-" + order.id)).containsEntry("status", "processed").containsEntry("outcome", "stored");
    }

    @Test
    void privacyTopicsAreFulfilledByTheirOwnRouteAndNotLeftPending() throws Exception {
        assertThat(shopify("proc-shop", "customers/redact", "evt-redact-proc",
                "{\"shop_id\":954889,\"shop_domain\":\"" + SHOP + "\",\"customer\":{\"id\":191167}}", null)).isEqualTo(200);
        processWebhooks();

        // what the erasure did is io.mekong.privacy.PrivacyTopicsTest's subject; here: the inbox settles it
        assertThat(inbox("proc-shop", "evt-redact-proc")).containsEntry("status", "processed").containsEntry("attempts", 1);
        assertThat(inbox("proc-shop", "evt-redact-proc").get("outcome").toString()).startsWith("erased: erasure ");
    }
}
