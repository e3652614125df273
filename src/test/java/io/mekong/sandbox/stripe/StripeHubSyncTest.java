package io.mekong.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.testing.HubIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The hub syncs every Stripe stream from the simulator it serves at /sandbox/stripe, as the demo connection does. */
class StripeHubSyncTest extends HubIntegrationTest {

    @Autowired
    StripeSimulator stripe;

    @Test
    void aSyncOfEveryStripeStreamStoresEveryObjectOfTheAccount() {
        StripeAccount account = stripe.accounts().stream().filter(a -> a.currency().equals("vnd")).findFirst().orElseThrow();
        call("POST", "/api/connections", Map.of("id", "stripe-hub", "connector", "stripe",
                "params", Map.of("baseUrl", "http://localhost:" + port + StripeSandboxConfiguration.MOUNT,
                        "ordersConnection", "stripe-hub-shop"),
                "secrets", Map.of("secretKey", account.keys().keySet().iterator().next())), 201);
        long sync = call("POST", "/api/syncs", Map.of("connection", "stripe-hub", "streams", List.of("customers",
                "payment_intents", "charges", "refunds", "balance_transactions")), 201).get("id").asLong();

        JsonNode run = runToEnd(sync);

        assertThat(run.get("status").asText()).as("%s", run).isEqualTo("succeeded");
        Map<String, String> types = Map.of("customers", "customer", "payment_intents", "payment_intent",
                "charges", "charge", "refunds", "refund", "balance_transactions", "balance_transaction");
        types.forEach((stream, type) -> {
            JsonNode counts = stream(run, stream);
            assertThat(counts.get("read").asInt()).as(stream).isEqualTo(account.count(type)).isPositive();
            assertThat(counts.get("inserted").asInt()).as(stream).isEqualTo(account.count(type));
            assertThat(counts.get("rejected").asInt()).as(stream).isZero();
        });
        assertThat(jdbc.queryForObject("select count(*) from payment where connection_id = 'stripe-hub'", Integer.class))
                .isEqualTo(account.count("payment_intent"));

        // the shop whose orders the payments name: each of its orders shows what Stripe charged for it
        runToEnd(connectionWithSync("stripe-hub-shop", TOKEN));
        Map<String, Object> paid = jdbc.queryForMap("select order_reference, external_id, captured_minor from payment_totals"
                + " where connection_id = 'stripe-hub' and status = 'succeeded' and order_reference is not null"
                + " order by external_id limit 1");
        JsonNode order = call("GET", "/api/orders/stripe-hub-shop/" + paid.get("order_reference"), null, 200);
        assertThat(order.get("providerPayments")).anySatisfy(p -> {
            assertThat(p.get("connection").asText()).isEqualTo("stripe-hub");
            assertThat(p.get("externalId").asText()).isEqualTo(paid.get("external_id"));
            assertThat(p.get("capturedMinor").asLong()).isEqualTo(((Number) paid.get("captured_minor")).longValue());
        });
        JsonNode listed = call("GET", "/api/orders?connection=stripe-hub-shop&limit=1", null, 200);
        assertThat(listed.at("/items/0").has("providerPayments")).as("not in listings").isFalse();
    }
}
