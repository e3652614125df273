package io.mekong.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.klaviyo.KlaviyoSimulator;
import io.mekong.testing.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Connector targets beside a webhook on the same events (docs/destinations.md): with Klaviyo answering 503 for a while,
 * HubSpot and the merchant's endpoint receive everything meanwhile, Klaviyo's destination shows its trouble, and once
 * Klaviyo is back it receives everything it missed, once, and nothing becomes a dead letter. The shop is synced into a
 * workspace of its own, so that only this test's events reach these destinations.
 */
class ConnectorDestinationsHubTest extends HubIntegrationTest {

    private static final String WORKSPACE = "ws-isolation";
    private static final String SHOP_CONNECTION = "iso-shop";
    private static final String RECEIVER = "it-five";
    /** How long each re-arming of the outage lasts: Klaviyo's Retry-After, so also how soon it is back when let be. */
    private static final Duration OUTAGE_STEP = Duration.ofSeconds(10);

    @Autowired
    KlaviyoSimulator klaviyo;
    @Autowired
    HubSpotSimulator hubspot;
    @Autowired
    HookReceivers hooks;

    @Test
    void klaviyoDownForAWhileHoldsOnlyItsOwnDestinationAndGetsEverythingItMissedOnceWhenBack() {
        runToEnd(connectionWithSync(WORKSPACE, SHOP_CONNECTION, SHOP, "VND", TOKEN));
        Set<String> orderKeys = jdbc.queryForList("select external_id from sales_order where connection_id = ?",
                String.class, SHOP_CONNECTION).stream().map(id -> SHOP_CONNECTION + "/" + id).collect(Collectors.toSet());
        assertThat(orderKeys).isNotEmpty();

        klaviyo.outage().start(503, OUTAGE_STEP);
        destination("iso-klaviyo", "klaviyo", Map.of("baseUrl", "http://localhost:" + port + "/sandbox/klaviyo"),
                Map.of("apiKey", klaviyo.account().apiKey()), List.of("profiles", "consent", "events"));
        destination("iso-hubspot", "hubspot", Map.of("baseUrl", "http://localhost:" + port + "/sandbox/hubspot"),
                Map.of("accessToken", hubspot.account().token()), List.of("profiles", "orders"));
        destination("iso-hook", "webhook", Map.of("url", "http://localhost:" + port + "/sandbox/hooks/" + RECEIVER),
                Map.of("signingSecret", hooks.receiver(RECEIVER).secret()), List.of("profiles", "orders"));

        // Klaviyo stays down while this test re-arms its outage (each arming's Retry-After is short enough that the
        // hub finds it back soon after the test lets it end)
        awaitWhileKlaviyoDown("the endpoint and HubSpot caught up, Klaviyo paused on its 503", () ->
                orderKeysAtEndpoint().containsAll(orderKeys)
                        && destination("iso-hook").get("lag").asLong(-1) == 0
                        && destination("iso-hubspot").get("lag").asLong(-1) == 0
                        && destination("iso-klaviyo").path("lastError").asText().contains("503"));
        Map<Long, JsonNode> profiles = profilesAtEndpoint();
        Set<String> emails = new HashSet<>();
        profiles.values().forEach(p -> {
            if (p.hasNonNull("email")) {
                emails.add(p.get("email").asText().trim().toLowerCase(Locale.ROOT));
            }
        });
        assertThat(klaviyo.outage().current()).as("Klaviyo still down").isPresent();
        JsonNode down = destination("iso-klaviyo");
        assertThat(down.get("lag").asLong()).isPositive();
        assertThat(down.get("lastError").asText()).contains("503");
        assertThat(emails).allSatisfy(email -> assertThat(hubspot.contactByEmail(email)).as(email).isNotNull());
        assertThat(orderKeys).allSatisfy(key -> assertThat(hubspot.dealBy("mekong_order_key", key)).as(key).isNotNull());
        assertThat(klaviyoProfiles(profiles.keySet())).as("nothing reached Klaviyo yet").isEmpty();

        klaviyo.outage().end();
        await(() -> "Klaviyo caught up: " + destination("iso-klaviyo") + ", " + klaviyoProfiles(profiles.keySet()).size()
                        + " of " + profiles.size() + " profiles, " + placedOrders(klaviyoProfiles(profiles.keySet()))
                        + " of " + orderKeys.size() + " orders placed", () -> destination("iso-klaviyo").get("lag").asLong(-1) == 0
                && klaviyoProfiles(profiles.keySet()).size() == profiles.size()
                && placedOrders(klaviyoProfiles(profiles.keySet())) >= orderKeys.size(), Duration.ofMinutes(6));

        // once: a Klaviyo profile per Mekong profile (by external_id), a Placed Order per order (by unique_id)
        Map<String, JsonNode> atKlaviyo = klaviyoProfiles(profiles.keySet());
        assertThat(atKlaviyo).hasSize(profiles.size());
        assertThat(placedOrders(atKlaviyo)).as("a Placed Order per order").isEqualTo(orderKeys.size());
        // consent as docs/targets.md says: subscribed with an email subscribes, nothing else does
        Set<String> subscribed = profiles.entrySet().stream()
                .filter(p -> p.getValue().hasNonNull("email")
                        && p.getValue().at("/consents/email/status").asText().equals("subscribed"))
                .map(p -> String.valueOf(p.getKey())).collect(Collectors.toSet());
        Set<String> subscribedAtKlaviyo = atKlaviyo.entrySet().stream()
                .filter(p -> "SUBSCRIBED".equals(p.getValue().at("/attributes/subscriptions/email/marketing/consent").asText()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(subscribedAtKlaviyo).isEqualTo(subscribed);
        for (String id : List.of("iso-klaviyo", "iso-hubspot", "iso-hook")) {
            JsonNode destination = destination(id);
            assertThat(destination.get("deadLetters").asInt()).as(id + " dead letters").isZero();
            assertThat(destination.get("failed").asLong()).as(id + " failed").isZero();
            assertThat(destination.get("status").asText()).as(id).isEqualTo("running");
        }
        assertThat(hooks.duplicates(RECEIVER)).as("nothing posted twice").isZero();
        long deals = hubspot.snapshot().get("deals").findValuesAsText("mekong_order_key").stream()
                .filter(orderKeys::contains).count();
        assertThat(deals).as("one deal per order").isEqualTo(orderKeys.size());
    }

    private void destination(String id, String connector, Map<String, Object> params, Map<String, String> secrets,
                             List<String> deliver) {
        call("POST", "/api/connections", Map.of("id", id, "workspace", WORKSPACE, "connector", connector,
                "params", params, "secrets", secrets), 201);
        call("POST", "/api/destinations", Map.of("id", id, "workspace", WORKSPACE, "connection", id,
                "deliver", deliver), 201);
    }

    private JsonNode destination(String id) {
        return call("GET", "/api/destinations/" + id + "?workspace=" + WORKSPACE, null, 200);
    }

    private Set<String> orderKeysAtEndpoint() {
        return hooks.deliveries(RECEIVER).stream().map(HookReceivers.Delivery::body)
                .filter(body -> body.path("type").asText().equals("io.mekong.order.changed"))
                .map(body -> body.at("/data/connection").asText() + "/" + body.at("/data/externalId").asText())
                .collect(Collectors.toSet());
    }

    /** The latest data of each profile the endpoint received: what the bus carried for this workspace. */
    private Map<Long, JsonNode> profilesAtEndpoint() {
        Map<Long, JsonNode> latest = new HashMap<>();
        Map<Long, Long> sequence = new HashMap<>();
        for (HookReceivers.Delivery delivery : hooks.deliveries(RECEIVER)) {
            JsonNode body = delivery.body();
            if (body.path("type").asText().equals("io.mekong.profile.changed")) {
                long id = body.at("/data/profileId").asLong();
                if (body.get("sequence").asLong() >= sequence.getOrDefault(id, Long.MIN_VALUE)) {
                    sequence.put(id, body.get("sequence").asLong());
                    latest.put(id, body.get("data"));
                }
            }
        }
        return latest;
    }

    /**
     * Klaviyo's profiles of these Mekong profiles, by external_id (which Klaviyo keeps unique). Read one by one:
     * the simulator's {@code _state} lists no profiles (see the slice report).
     */
    private Map<String, JsonNode> klaviyoProfiles(Set<Long> profileIds) {
        Map<String, JsonNode> found = new HashMap<>();
        for (long id : profileIds) {
            JsonNode profile = klaviyo.profile("external_id", String.valueOf(id));
            if (profile != null) {
                found.put(String.valueOf(id), profile);
            }
        }
        return found;
    }

    /**
     * How many Placed Order events these Klaviyo profiles hold: Klaviyo keeps one per unique_id, so as many as orders
     * means each order's once.
     */
    private long placedOrders(Map<String, JsonNode> profiles) {
        return profiles.values().stream().flatMap(p -> klaviyo.eventMetrics(p.get("id").asText()).stream())
                .filter("Placed Order"::equals).count();
    }

    private void awaitWhileKlaviyoDown(String what, BooleanSupplier done) {
        await(() -> what, () -> {
            klaviyo.outage().start(503, OUTAGE_STEP);
            return done.getAsBoolean();
        }, Duration.ofMinutes(3));
    }

    /** Waits for {@code done}; {@code what} describes what was awaited and what there was at the deadline. */
    private static void await(Supplier<String> what, BooleanSupplier done, Duration atMost) {
        Instant deadline = Instant.now().plus(atMost);
        while (!done.getAsBoolean()) {
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("waited " + atMost + " for: " + what.get());
            }
            sleep(200);
        }
    }
}
