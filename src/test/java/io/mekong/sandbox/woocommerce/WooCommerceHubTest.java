package io.mekong.sandbox.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.WebhookSender;
import io.mekong.testing.HubIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * WooCommerce inside the whole hub, from YAML alone: a connection to the simulator mounted at /sandbox/woocommerce
 * syncs every order and customer into the canonical store, and the store's signed webhooks are verified, queued and
 * processed into it; a delivery whose signature does not match is refused with 401 and nothing is queued.
 */
class WooCommerceHubTest extends HubIntegrationTest {

    private static final String SECRET = "hub-test-woocommerce-webhook-secret";
    /** The tests' key, issued to the shared context's store (which starts with a random one). */
    private static final WooStore.ApiKey KEY = new WooStore.ApiKey("ck_hub_test_0000000000000000000000000000",
            "cs_hub_test_0000000000000000000000000000", "read");
    private final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    private WooCommerceSimulator woo;
    @Autowired
    private WooWebhooks webhooks;

    private void connection(String id) {
        woo.store().issueKeys(List.of(KEY));
        if (jdbc.queryForObject("select count(*) from connection where id = ?", Integer.class, id) == 0) {
            call("POST", "/api/connections", Map.of("id", id, "connector", "woocommerce",
                    "params", Map.of("baseUrl", "http://localhost:" + port + WooCommerceSandboxConfiguration.MOUNT,
                            "consumerKey", KEY.consumerKey()),
                    "secrets", Map.of("consumerSecret", KEY.consumerSecret(),
                            "webhookSecret", SECRET)), 201);
        }
    }

    @Test
    void aSyncThroughTheMountedSimulatorStoresEveryOrderAndCustomerOnce() {
        connection("woo-sync");
        long sync = call("POST", "/api/syncs", Map.of("connection", "woo-sync", "streams", List.of("orders", "customers")), 201)
                .get("id").asLong();

        JsonNode run = runToEnd(sync);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(stream(run, "orders").get("read").asInt()).isEqualTo(woo.store().orders().size());
        assertThat(stream(run, "orders").get("inserted").asInt()).isEqualTo(woo.store().orders().size());
        assertThat(stream(run, "orders").get("rejected").asInt()).isZero();
        assertThat(stream(run, "customers").get("inserted").asInt()).isEqualTo(woo.store().customers().size());
        JsonNode guest = call("GET", "/api/orders/woo-sync/" + woo.store().orders().stream()
                .filter(o -> o.get("customer_id").asLong() == 0).findFirst().orElseThrow().get("id").asText(), null, 200);
        assertThat(guest.get("currency").asText()).isEqualTo("VND");
        assertThat(guest.path("customerExternalId").isNull() || guest.path("customerExternalId").isMissingNode()).isTrue();
    }

    @Test
    void aSignedWebhookIsProcessedIntoTheStoreAndAForgedOneRefused() throws Exception {
        connection("woo-hook");
        URI endpoint = URI.create("http://localhost:" + port + "/webhooks/woocommerce/woo-hook");
        long id = woo.store().orders().stream().filter(o -> o.get("status").asText().equals("processing"))
                .findFirst().orElseThrow().get("id").asLong();
        List<WooStore.Change> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        woo.store().onChange(changes::add);
        woo.store().updateOrder(id, o -> o.put("status", "completed"));
        WooStore.Change completed = changes.stream().filter(c -> c.resourceId() == id).findFirst().orElseThrow();

        WebhookSender.Delivery delivery = webhooks.delivery(woo.store(), completed, endpoint, SECRET, 1);
        HttpResponse<String> accepted = post(delivery, Map.of());
        HttpResponse<String> forged = post(webhooks.delivery(woo.store(), completed, endpoint, "not-the-secret", 1), Map.of());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where connection_id = 'woo-hook'", Integer.class))
                .as("the forged delivery left nothing").isEqualTo(1);
        processWebhooks();
        JsonNode order = call("GET", "/api/orders/woo-hook/" + id, null, 200);
        assertThat(order.get("status").asText()).isEqualTo("closed");
        assertThat(order.get("fulfillmentStatus").asText()).isEqualTo("fulfilled");
    }

    @Test
    void aDeletionIsBuriedOnlyOnceTheStoreNoLongerHasTheOrder() throws Exception {
        connection("woo-delete");
        URI endpoint = URI.create("http://localhost:" + port + "/webhooks/woocommerce/woo-delete");
        long id = woo.store().orders().stream().filter(o -> o.get("status").asText().equals("completed"))
                .skip(2).findFirst().orElseThrow().get("id").asLong();
        List<WooStore.Change> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        woo.store().onChange(changes::add);
        woo.store().updateOrder(id, o -> o.put("customer_note", "before the deletions"));
        WooStore.Change updated = changes.stream().filter(c -> c.resourceId() == id).findFirst().orElseThrow();
        assertThat(post(webhooks.delivery(woo.store(), updated, endpoint, SECRET, 1), Map.of()).statusCode()).isEqualTo(200);
        processWebhooks();

        // the topic header is not signed: order.deleted naming an order the store still has
        WooStore.Change named = new WooStore.Change("order.deleted", id, JSON.createObjectNode().put("id", id));
        assertThat(post(webhooks.delivery(woo.store(), named, endpoint, SECRET, 1), Map.of()).statusCode()).isEqualTo(200);
        processWebhooks();
        assertThat(jdbc.queryForObject("select outcome from webhook_inbox where connection_id = 'woo-delete'"
                + " and topic = 'order.deleted'", String.class)).isEqualTo("not deleted at the source: stored as it is now");
        assertThat(call("GET", "/api/orders/woo-delete/" + id, null, 200).path("deleted").asBoolean()).isFalse();

        // deleted for good: the same body under a new delivery id is not a duplicate, and the 404 confirms it
        woo.store().deleteOrder(id);
        WooStore.Change deleted = changes.stream().filter(c -> c.resourceId() == id && c.topic().equals("order.deleted"))
                .findFirst().orElseThrow();
        HttpResponse<String> answer = post(webhooks.delivery(woo.store(), deleted, endpoint, SECRET, 1), Map.of());
        assertThat(JSON.readTree(answer.body()).get("status").asText()).isEqualTo("accepted");
        processWebhooks();

        assertThat(jdbc.queryForList("select outcome from webhook_inbox where connection_id = 'woo-delete'"
                + " and topic = 'order.deleted' order by id", String.class))
                .containsExactly("not deleted at the source: stored as it is now", "deleted");
        assertThat(jdbc.queryForObject("select deleted from sales_order where connection_id = 'woo-delete' and external_id = ?",
                Boolean.class, Long.toString(id))).isTrue();
    }

    private HttpResponse<String> post(WebhookSender.Delivery delivery, Map<String, String> extra) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(delivery.url())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().get().forEach(request::header);
        extra.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
