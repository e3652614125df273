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
                "params", Map.of("baseUrl", "http://localhost:" + port + StripeSandboxConfiguration.MOUNT),
                "secrets", Map.of("secretKey", StripeSandboxConfiguration.demoKey("vnd"))), 201);
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
    }
}
