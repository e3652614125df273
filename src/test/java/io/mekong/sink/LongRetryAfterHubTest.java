package io.mekong.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.mailchimp.MailchimpAccount;
import io.mekong.sandbox.mailchimp.MailchimpSimulator;
import io.mekong.testing.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A target asking for a longer wait than mekong.targets.max-retry-wait (30 s by default): Mailchimp answers 503 with a
 * Retry-After of 40 s. The write does not wait it out in place (that was up to 4 waits of 40 s before the destination
 * showed any trouble): it ends at once, and the destination shows itself paused with the wait Mailchimp asked for, while
 * HubSpot, on the same events, catches up. When Mailchimp is back, every subscribed person reaches its list and nothing
 * is a dead letter. The shop is synced into a workspace of its own so that only this test's events reach these
 * destinations; Mailchimp, which the connector destinations test leaves alone, keeps this test's people apart from the
 * profiles that test checks in Klaviyo.
 */
class LongRetryAfterHubTest extends HubIntegrationTest {

    private static final String WORKSPACE = "ws-retry-after";
    private static final String SHOP_CONNECTION = "ra-shop";
    /** Longer than mekong.targets.max-retry-wait's 30 s: the Retry-After Mailchimp sends while it is down. */
    private static final Duration OUTAGE = Duration.ofSeconds(40);

    @Autowired
    MailchimpSimulator mailchimp;
    @Autowired
    HubSpotSimulator hubspot;

    @Test
    void aRetryAfterLongerThanTheLongestWaitPausesOnlyThatDestinationAndItGetsEverythingWhenBack() {
        runToEnd(connectionWithSync(WORKSPACE, SHOP_CONNECTION, SHOP, "VND", TOKEN));
        Set<String> subscribed = subscribedEmails();
        assertThat(subscribed).isNotEmpty();

        mailchimp.outage().start(503, OUTAGE);
        MailchimpAccount account = mailchimp.account();
        destination("ra-mailchimp", "mailchimp", Map.of("baseUrl", "http://localhost:" + port + "/sandbox/mailchimp/3.0",
                "dataCenter", account.dc(), "listId", account.listId(), "storeId", account.storeId()),
                Map.of("apiKey", account.apiKey()));
        destination("ra-hubspot", "hubspot", Map.of("baseUrl", "http://localhost:" + port + "/sandbox/hubspot"),
                Map.of("accessToken", hubspot.account().token()));

        // Mailchimp stays down (the outage is armed again at each look, so its Retry-After stays 40 s) until HubSpot
        // has everything and Mailchimp's destination shows why it is paused: the message exists only when the write
        // gave up on the long Retry-After instead of waiting it out
        await(() -> "HubSpot caught up and Mailchimp paused on its long Retry-After: " + destination("ra-hubspot")
                + ", " + destination("ra-mailchimp"), () -> {
            mailchimp.outage().start(503, OUTAGE);
            JsonNode down = destination("ra-mailchimp");
            return destination("ra-hubspot").get("lag").asLong(-1) == 0
                    && down.get("status").asText().equals("paused")
                    && down.path("lastError").asText().contains("asks to retry after");
        }, Duration.ofMinutes(3));
        JsonNode down = destination("ra-mailchimp");
        String error = down.get("lastError").asText();
        assertThat(error).contains("HTTP 503", "longer than the 30 s waited in place");
        Matcher asked = Pattern.compile("asks to retry after (\\d+) s").matcher(error);
        assertThat(asked.find()).as(error).isTrue();
        assertThat(Long.parseLong(asked.group(1))).as("the Retry-After Mailchimp sent").isGreaterThan(30);
        assertThat(down.get("lag").asLong()).as("Mailchimp's events wait in Kafka").isPositive();
        assertThat(subscribed).allSatisfy(email -> assertThat(hubspot.contactByEmail(email)).as(email).isNotNull());

        mailchimp.outage().end();
        await(() -> "Mailchimp caught up: " + destination("ra-mailchimp") + ", members missing: "
                        + subscribed.stream().filter(email -> mailchimp.member(email) == null).toList(),
                () -> destination("ra-mailchimp").get("lag").asLong(-1) == 0
                        && subscribed.stream().allMatch(email -> mailchimp.member(email) != null),
                Duration.ofMinutes(4));

        for (String id : List.of("ra-mailchimp", "ra-hubspot")) {
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

    /** The emails, lower-cased, of the workspace's profiles whose email consent is subscribed: Mailchimp's members. */
    private Set<String> subscribedEmails() {
        return jdbc.queryForList("select id from profile where workspace_id = ?", Long.class, WORKSPACE).stream()
                .map(id -> call("GET", "/api/profiles/" + id + "?workspace=" + WORKSPACE, null, 200))
                .filter(p -> p.at("/consents/email/status").asText().equals("subscribed") && p.at("/golden/email").isTextual())
                .map(p -> p.at("/golden/email").asText().trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
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
