package io.mekong.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.sandbox.SandboxHttpServer;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.WebhookSender;
import io.mekong.connector.spec.WebhookSpec.Signature;
import io.mekong.webhook.HmacSignatureVerifier;
import io.mekong.webhook.WebhookRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A simulated shop's own webhooks, received over real HTTP and checked with the hub's Shopify verifier. */
class ShopifyWebhooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "shpss_app_client_secret";

    private static ShopifyShop shop() {
        ShopifyShop shop = new ShopifyShop(new ShopSettings("hooks.myshopify.com", "Hooks", "VND",
                ZoneId.of("Asia/Ho_Chi_Minh"), "shpat_hooks", ThrottlePlan.UNMETERED), Clock.systemUTC());
        ShopifySeed.populate(shop, 5L, new SeedSize(10, 10, 3));
        return shop;
    }

    @Test
    void changesAndDeletionsArriveSignedWithTheirTopicsAndTheShapesShopifySends() throws Exception {
        List<WebhookRequest> received = new CopyOnWriteArrayList<>();
        ShopifyShop shop = shop();
        try (SandboxHttpServer hub = SandboxHttpServer.start((method, path, headers, body) -> {
                received.add(new WebhookRequest(body, headers, path));
                return SimulatorResponse.json(200, "{}");
            });
             WebhookSender sender = new WebhookSender(new WebhookSender.RetryPlan(1, Duration.ofMillis(10), 2, Duration.ofSeconds(5)))) {
            new ShopifyWebhooks(sender, ShopifyWebhooks.API_VERSION).subscribe(shop, URI.create(hub.baseUrl() + "/webhooks/shopify/c1"),
                    SECRET, ShopifyWebhooks.ANNOUNCED);
            Order tagged = shop.orders().stream().findFirst().orElseThrow();
            Order deleted = shop.orders().stream().skip(1).findFirst().orElseThrow();

            shop.addOrderTag(tagged.id, "vip");
            shop.deleteOrder(deleted.id);
            Instant deadline = Instant.now().plusSeconds(20);
            while (sender.delivered() < 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }

            assertThat(received).hasSize(2).allSatisfy(r ->
                    assertThat(new HmacSignatureVerifier(new Signature.ShopifyHmac(SECRET).asHmac(), SECRET, Clock.systemUTC()).problem(r)).as("signed with the app's secret").isNull());
            assertThat(received).extracting(r -> r.header("X-Shopify-Topic").orElseThrow())
                    .containsExactly("orders/updated", "orders/delete");
            JsonNode update = JSON.readTree(received.get(0).body());
            assertThat(update.get("admin_graphql_api_id").asText()).isEqualTo("gid://shopify/Order/" + tagged.id);
            assertThat(update.get("tags").asText()).contains("vip");
            JsonNode deletion = JSON.readTree(received.get(1).body());
            assertThat(deletion.size()).as("a deletion names the order only").isEqualTo(1);
            assertThat(deletion.get("id").asLong()).isEqualTo(deleted.id);
            assertThat(Instant.parse(received.get(1).header("X-Shopify-Triggered-At").orElseThrow()))
                    .isAfterOrEqualTo(tagged.updatedAt.toInstant());
            assertThat(received).extracting(r -> r.header("X-Shopify-Shop-Domain").orElseThrow()).containsOnly("hooks.myshopify.com");
            assertThat(shop.order(deleted.id)).as("gone from the shop").isNull();
            assertThat(shop.orders()).extracting(o -> o.id).doesNotContain(deleted.id);
            assertThat(Set.copyOf(received.stream().map(r -> r.header("X-Shopify-Event-Id").orElseThrow()).toList())).hasSize(2);
        }
    }
}
