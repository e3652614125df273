package io.mekong.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.shopee.ShopeePush;
import io.mekong.sandbox.shopee.ShopeeSandboxConfiguration;
import io.mekong.sandbox.shopee.ShopeeShop;
import io.mekong.sandbox.shopee.ShopeeSimulator;
import io.mekong.sandbox.stripe.StripeAccount;
import io.mekong.sandbox.stripe.StripeSandboxConfiguration;
import io.mekong.sandbox.stripe.StripeSimulator;
import io.mekong.sandbox.stripe.StripeWebhooks;
import io.mekong.testing.HubIntegrationTest;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The simulated Stripe account and Shopee shop send their own signed webhooks on their changes, over real HTTP to the
 * hub, which verifies, stores and processes them into the same tables as pulled records.
 */
class SimulatorWebhooksTest extends HubIntegrationTest {

    @Autowired
    private StripeSimulator stripe;
    @Autowired
    private StripeWebhooks stripeWebhooks;
    @Autowired
    private ShopeeSimulator shopee;
    @Autowired
    private ShopeePush shopeePush;

    private void awaitInbox(String connection, int rows) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (jdbc.queryForObject("select count(*) from webhook_inbox where connection_id = ?", Integer.class, connection) < rows
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    @Test
    void aStripeAccountSignsItsEventsAndTheHubStoresTheCustomerTheRefundedChargeAndTheDeletion() throws Exception {
        StripeAccount account = stripe.accounts().get(0);
        String currency = account.currency();
        call("POST", "/api/connections", Map.of("id", "sim-stripe", "connector", "stripe",
                "params", Map.of("baseUrl", "http://localhost:" + port + StripeSandboxConfiguration.MOUNT),
                "secrets", Map.of("secretKey", StripeSandboxConfiguration.demoKey(currency), "webhookSecret", "whsec_sim_it")), 201);
        stripeWebhooks.subscribe(account, URI.create("http://localhost:" + port + "/webhooks/stripe/sim-stripe"), "whsec_sim_it");
        ObjectNode customer = account.snapshot("customer").get(0);
        ObjectNode charge = account.snapshot("charge").stream().filter(c -> c.get("status").asText().equals("succeeded")
                && c.get("amount_refunded").asLong() == 0).findFirst().orElseThrow();

        account.updateCustomer(customer.get("id").asText(), c -> c.put("email", "sim.updated@example.vn"));
        account.refund(charge.get("id").asText(), charge.get("amount").asLong(), "requested_by_customer");
        awaitInbox("sim-stripe", 3);
        processWebhooks();

        assertThat(jdbc.queryForList("select topic || ' ' || status || ' ' || outcome from webhook_inbox"
                + " where connection_id = 'sim-stripe' order by id", String.class))
                .containsExactly("customer.updated processed stored", "charge.refunded processed stored",
                        "refund.created processed stored");
        assertThat(jdbc.queryForObject("select email from customer where connection_id = 'sim-stripe' and external_id = ?",
                String.class, customer.get("id").asText())).isEqualTo("sim.updated@example.vn");
        assertThat(jdbc.queryForObject("select count(*) from payment_refund where connection_id = 'sim-stripe'", Integer.class))
                .isEqualTo(1);

        account.deleteCustomer(customer.get("id").asText());
        awaitInbox("sim-stripe", 4);
        processWebhooks();

        assertThat(jdbc.queryForObject("select outcome from webhook_inbox where connection_id = 'sim-stripe'"
                + " and topic = 'customer.deleted'", String.class)).isEqualTo("deleted");
        assertThat(jdbc.queryForObject("select deleted from customer where connection_id = 'sim-stripe' and external_id = ?",
                Boolean.class, customer.get("id").asText())).isTrue();
    }

    @Test
    void aShopeeShopPushesAnOrderStatusChangeAndTheHubStoresTheOrderAsItIsNow() throws Exception {
        String callback = "http://localhost:" + port + "/webhooks/shopee/sim-shopee";
        call("POST", "/api/connections", Map.of("id", "sim-shopee", "connector", "shopee",
                "params", Map.of("baseUrl", "http://localhost:" + port + ShopeeSandboxConfiguration.MOUNT,
                        "partnerId", ShopeeSandboxConfiguration.PARTNER.partnerId(), "shopId", ShopeeSandboxConfiguration.SHOP_ID,
                        "callbackUrl", callback),
                "secrets", Map.of("partnerKey", ShopeeSandboxConfiguration.PARTNER.partnerKey(),
                        "accessToken", ShopeeSandboxConfiguration.ACCESS_TOKEN,
                        "refreshToken", ShopeeSandboxConfiguration.REFRESH_TOKEN)), 201);
        ShopeeShop shop = shopee.shop(ShopeeSandboxConfiguration.SHOP_ID);
        shopeePush.subscribe(shop, callback, ShopeeSandboxConfiguration.PARTNER.partnerKey());
        String orderSn = shop.orders().stream().filter(o -> o.get("order_status").asText().equals("SHIPPED"))
                .findFirst().orElseThrow().get("order_sn").asText();

        shop.updateOrder(orderSn, o -> o.put("order_status", "COMPLETED"));
        awaitInbox("sim-shopee", 1);
        processWebhooks();

        assertThat(jdbc.queryForObject("select outcome from webhook_inbox where connection_id = 'sim-shopee'", String.class))
                .isEqualTo("stored");
        assertThat(call("GET", "/api/orders/sim-shopee/" + orderSn, null, 200).get("status").asText()).isEqualTo("closed");
    }
}
