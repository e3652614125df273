package io.mekong.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.klaviyo.KlaviyoSimulator;
import io.mekong.testing.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A target asking for a longer wait than mekong.targets.max-retry-wait (30 s by default): Klaviyo answers 503 with a
 * Retry-After of 40 s. The write does not wait it out in place (that was up to 4 waits of 40 s before the destination
 * showed any trouble): it ends at once, and the destination shows itself paused with the wait Klaviyo asked for, while
 * HubSpot, on the same events, catches up. When Klaviyo is back, every profile reaches it, once, and nothing is a dead
 * letter. The shop is synced into a workspace of its own so that only this test's events reach these destinations.
 */
class LongRetryAfterHubTest extends HubIntegrationTest {

    private static final String WORKSPACE = "ws-retry-after";
    private static final String SHOP_CONNECTION = "ra-shop";
    /** Longer than mekong.targets.max-retry-wait's 30 s: the Retry-After Klaviyo sends while it is down. */
    private static final Duration OUTAGE = Duration.ofSeconds(40);

    @Autowired
    KlaviyoSimulator klaviyo;
    @Autowired
    HubSpotSimulator hubspot;

    @Test
    void aRetryAfterLongerThanTheLongestWaitPausesOnlyThatDestinationAndItGetsEverythingWhenBack() {
        runToEnd(connectionWithSync(WORKSPACE, SHOP_CONNECTION, SHOP, "VND", TOKEN));
        List<Long> profiles = jdbc.queryForList("select id from profile where workspace_id = ?", Long.class, WORKSPACE);
        assertThat(profiles).isNotEmpty();

        klaviyo.outage().start(503, OUTAGE);
        destination("ra-klaviyo", "klaviyo", Map.of("baseUrl", "http://localhost:" + port + "/sandbox/klaviyo"),
                Map.of("apiKey", klaviyo.account().apiKey()));
        destination("ra-hubspot", "hubspot", Map.of("baseUrl", "http://localhost:" + port + "/sandbox/hubspot"),
                Map.of("accessToken", hubspot.account().token()));

        // Klaviyo stays down (the outage is armed again at each look, so its Retry-After stays 40 s) until HubSpot has
        // everything and Klaviyo's destination shows why it is paused: the message exists only when the write gave up
        // on the long Retry-After instead of waiting it out
        await(() -> "HubSpot caught up and Klaviyo paused on its long Retry-After: " + destination("ra-hubspot")
                + ", " + destination("ra-klaviyo"), () -> {
            klaviyo.outage().start(503, OUTAGE);
            JsonNode down = destination("ra-klaviyo");
            return destination("ra-hubspot").get("lag").asLong(-1) == 0
                    && down.get("status").asText().equals("paused")
                    && down.path("lastError").asText().contains("asks to retry after");
        }, Duration.ofMinutes(3));
        JsonNode down = destination("ra-klaviyo");
        String error = down.get("lastError").asText();
        assertThat(error).contains("HTTP 503", "longer than the 30 s waited in place");
        Matcher asked = Pattern.compile("asks to retry after (\\d+) s").matcher(error);
        assertThat(asked.find()).as(error).isTrue();
        assertThat(Long.parseLong(asked.group(1))).as("the Retry-After Klaviyo sent").isGreaterThan(30);
        assertThat(down.get("lag").asLong()).as("Klaviyo's events wait in Kafka").isPositive();
        assertThat(klaviyoProfiles(profiles)).as("nothing reached Klaviyo yet").isZero();
        assertThat(hubspot.contactCount()).isPositive();

        klaviyo.outage().end();
        await(() -> "Klaviyo caught up: " + destination("ra-klaviyo") + ", " + klaviyoProfiles(profiles) + " of "
                        + profiles.size() + " profiles",
                () -> destination("ra-klaviyo").get("lag").asLong(-1) == 0 && klaviyoProfiles(profiles) == profiles.size(),
                Duration.ofMinutes(4));

        for (String id : List.of("ra-klaviyo", "ra-hubspot")) {
            JsonNode destination = destination(id);
            assertThat(destination.get("status").asText()).as(id).isEqualTo("running");
            assertThat(destination.get("deadLetters").asInt()).as(id + " dead letters").isZero();
            assertThat(destination.get("failed").asLong()).as(id + " failed").isZero();
        }
    }

    private void destination(String id, String connector, Map<String, Object> params, Map<String, String> secrets) {
        call("POST", "/api/connections", Map.of("id", id, "workspace", WORKSPACE, "connector", connector,
                "params", params, "secrets", secrets), 201);
        call("POST", "/api/destinations", Map.of("id", id, "workspace", WORKSPACE, "connection", id,
                "deliver", List.of("profiles")), 201);
    }

    private JsonNode destination(String id) {
        return call("GET", "/api/destinations/" + id + "?workspace=" + WORKSPACE, null, 200);
    }

    /** How many of these profiles Klaviyo holds, by external_id (which Klaviyo keeps unique: one each at most). */
    private long klaviyoProfiles(List<Long> profileIds) {
        return profileIds.stream().filter(id -> klaviyo.profile("external_id", String.valueOf(id)) != null).count();
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
