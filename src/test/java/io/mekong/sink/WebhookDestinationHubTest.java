package io.mekong.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.testing.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Webhook destinations (connector webhook, routes/destinations.yaml): every event a destination receives reaches the
 * endpoint signed, once, in order; a target that is down holds only itself and misses nothing once it is back; events
 * the endpoint refuses become the destination's dead letters, replayed once fixed.
 */
class WebhookDestinationHubTest extends HubIntegrationTest {

    private static final String SHOP_CONNECTION = "dest-hook-shop";

    @Autowired
    HookReceivers hooks;

    private Set<String> orders;

    @BeforeEach
    void syncedShop() {
        if (jdbc.queryForObject("select count(*) from connection where id = ?", Integer.class, SHOP_CONNECTION) == 0) {
            runToEnd(connectionWithSync(SHOP_CONNECTION, TOKEN));
        }
        orders = new HashSet<>(jdbc.queryForList("select external_id from sales_order where connection_id = ?",
                String.class, SHOP_CONNECTION));
        // the shop is shared with other tests, some of which delete orders: what counts is what is stored
        assertThat(orders).isNotEmpty();
    }

    @Test
    void everyOrderReachesTheEndpointSignedAndOnceAndTheDestinationReportsCaughtUp() {
        // the same shop synced by another merchant (workspace): the bus carries its orders too, on the same topics
        runToEnd(connectionWithSync("dest-hook-elsewhere", "dest-hook-elsewhere-shop", SHOP, "VND", TOKEN));
        hookDestination("it-one", "hook-one", hooks.receiver("it-one").secret(), List.of("orders"));

        await("every order at the endpoint", () -> ordersAt("it-one").containsAll(orders), Duration.ofMinutes(2));
        await("lag 0", () -> call("GET", "/api/destinations/hook-one", null, 200).get("lag").asLong(-1) == 0,
                Duration.ofMinutes(1));

        JsonNode destination = call("GET", "/api/destinations/hook-one", null, 200);
        assertThat(destination.get("status").asText()).isEqualTo("running");
        assertThat(destination.get("connection").asText()).isEqualTo("hook-one-connection");
        assertThat(destination.get("connector").asText()).isEqualTo("webhook");
        assertThat(destination.get("delivered").asLong()).isGreaterThanOrEqualTo(orders.size());
        assertThat(destination.get("failed").asLong()).isZero();
        assertThat(destination.get("deadLetters").asInt()).isZero();
        assertThat(hooks.duplicates("it-one")).as("no event posted twice").isZero();
        assertThat(hooks.deliveries("it-one")).as("only its own workspace's events")
                .allSatisfy(d -> assertThat(d.body().get("workspace").asText()).isEqualTo("default"))
                .noneSatisfy(d -> assertThat(d.body().get("subject").asText()).startsWith("dest-hook-elsewhere-shop/"));
        JsonNode first = hooks.deliveries("it-one").get(0).body();
        assertThat(first.get("specversion").asText()).isEqualTo("1.0");
        assertThat(first.get("type").asText()).startsWith("io.mekong.");
    }

    @Test
    void anEndpointDownForAWhileHoldsOnlyItsOwnDestinationAndGetsEverythingOnceWhenBack() {
        hooks.outage("it-two").start(500, Duration.ofMinutes(10));
        try {
            hookDestination("it-two", "hook-down", hooks.receiver("it-two").secret(), List.of("orders"));
            hookDestination("it-three", "hook-up", hooks.receiver("it-three").secret(), List.of("orders"));

            await("the healthy endpoint has every order", () -> ordersAt("it-three").containsAll(orders),
                    Duration.ofMinutes(2));
            await("the other destination paused", () -> call("GET", "/api/destinations/hook-down", null, 200)
                    .get("status").asText().equals("paused"), Duration.ofSeconds(30));
            JsonNode down = call("GET", "/api/destinations/hook-down", null, 200);
            assertThat(down.get("lastError").asText()).contains("500");
            assertThat(down.get("lag").asLong()).isPositive();
        } finally {
            hooks.outage("it-two").end();
        }
        await("the endpoint back gets every order", () -> ordersAt("it-two").containsAll(orders), Duration.ofMinutes(2));
        await("running again", () -> call("GET", "/api/destinations/hook-down", null, 200).get("status").asText()
                .equals("running"), Duration.ofSeconds(30));
        assertThat(hooks.duplicates("it-two")).as("nothing arrives twice").isZero();
        assertThat(hooks.duplicates("it-three")).isZero();
    }

    @Test
    void eventsTheEndpointRefusesBecomeDeadLettersAndAreReplayedOnceItTakesThem() {
        hooks.outage("it-four").start(422, Duration.ofMinutes(10));
        try {
            hookDestination("it-four", "hook-refusing", hooks.receiver("it-four").secret(), List.of("orders"));
            // every event of its topics polled and refused: the orders, and whatever else the other tests published
            await("every event refused into dead letters", () -> {
                JsonNode destination = call("GET", "/api/destinations/hook-refusing", null, 200);
                return destination.get("lag").asLong(-1) == 0 && destination.get("deadLetters").asInt() >= orders.size();
            }, Duration.ofMinutes(2));
        } finally {
            hooks.outage("it-four").end();
        }
        JsonNode letter = call("GET", "/api/dead-letters?connection=hook-refusing-connection&limit=5", null, 200)
                .get("items").get(0);
        assertThat(letter.get("destination").asText()).isEqualTo("hook-refusing");
        assertThat(letter.get("reason").asText()).contains("422");
        assertThat(letter.at("/payload/specversion").asText()).isEqualTo("1.0");
        assertThat(ordersAt("it-four")).isEmpty();
        assertThat(call("GET", "/api/destinations/hook-refusing", null, 200).get("failed").asLong())
                .isGreaterThanOrEqualTo(orders.size());

        boolean more = true;
        while (more) {
            JsonNode replay = call("POST", "/api/dead-letters/replay?connection=hook-refusing-connection", null, 200);
            assertThat(replay.get("stillOpen").asInt()).as(replay.toString()).isZero();
            more = replay.get("more").asBoolean();
        }
        assertThat(ordersAt("it-four")).containsAll(orders);
        assertThat(call("GET", "/api/destinations/hook-refusing", null, 200).get("deadLetters").asInt()).isZero();
        assertThat(hooks.duplicates("it-four")).isZero();
    }

    @Test
    void aWrongSecretPausesTheDestinationUntilTheConnectionIsFixedAndNothingBecomesADeadLetter() {
        hookDestination("zapier", "hook-wrong-secret", "whsec_not_the_receivers", List.of("orders"));
        await("paused on 401", () -> call("GET", "/api/destinations/hook-wrong-secret", null, 200)
                .path("lastError").asText().contains("401"), Duration.ofMinutes(1));
        call("PUT", "/api/connections/hook-wrong-secret-connection", Map.of("connector", "webhook",
                "params", Map.of("url", hookUrl("zapier")),
                "secrets", Map.of("signingSecret", hooks.receiver("zapier").secret())), 200);
        await("every order delivered once the secret is right", () -> ordersAt("zapier").containsAll(orders),
                Duration.ofMinutes(2));
        JsonNode destination = call("GET", "/api/destinations/hook-wrong-secret", null, 200);
        assertThat(destination.get("deadLetters").asInt()).isZero();
        assertThat(destination.get("failed").asLong()).isZero();
        assertThat(hooks.duplicates("zapier")).isZero();
    }

    @Test
    void aDestinationNeedsATargetConnectionAndKnownDeliverables() {
        JsonNode refused = JSON.valueToTree(call("POST", "/api/destinations", Map.of("id", "not-a-target",
                "connection", SHOP_CONNECTION, "deliver", List.of("orders")), 400));
        assertThat(refused.get("detail").asText()).contains("source").contains("webhook");
        hookConnection("hook-checks-connection", "merchant", hooks.receiver("merchant").secret());
        JsonNode unknown = call("POST", "/api/destinations", Map.of("id", "bad-deliver",
                "connection", "hook-checks-connection", "deliver", List.of("orders", "invoices")), 400);
        assertThat(unknown.get("detail").asText()).contains("invoices").contains("profiles");
        call("POST", "/api/destinations", Map.of("id", "hook-checks", "connection", "hook-checks-connection",
                "deliver", List.of("erasures"), "enabled", false), 201);
        call("POST", "/api/destinations", Map.of("id", "hook-checks", "connection", "hook-checks-connection",
                "deliver", List.of("erasures")), 409);
        assertThat(call("GET", "/api/destinations/hook-checks", null, 200).get("status").asText()).isEqualTo("disabled");
        call("DELETE", "/api/destinations/hook-checks", null, 204);
        call("GET", "/api/destinations/hook-checks", null, 404);
    }

    private void hookDestination(String receiver, String id, String secret, List<String> deliver) {
        hookConnection(id + "-connection", receiver, secret);
        call("POST", "/api/destinations", Map.of("id", id, "connection", id + "-connection", "deliver", deliver), 201);
    }

    private void hookConnection(String id, String receiver, String secret) {
        call("POST", "/api/connections", Map.of("id", id, "connector", "webhook",
                "params", Map.of("url", hookUrl(receiver)), "secrets", Map.of("signingSecret", secret)), 201);
    }

    private String hookUrl(String receiver) {
        return "http://localhost:" + port + "/sandbox/hooks/" + receiver;
    }

    /** The external ids of this test's shop orders the receiver accepted. */
    private Set<String> ordersAt(String receiver) {
        return hooks.deliveries(receiver).stream().map(HookReceivers.Delivery::body)
                .filter(body -> body.path("type").asText().startsWith("io.mekong.order."))
                .filter(body -> body.path("subject").asText().startsWith(SHOP_CONNECTION + "/"))
                .map(body -> body.at("/data/externalId").asText()).collect(Collectors.toSet());
    }

    private static void await(String what, BooleanSupplier done, Duration atMost) {
        Instant deadline = Instant.now().plus(atMost);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waited for: " + what).isBefore(deadline);
            sleep(200);
        }
    }
}
