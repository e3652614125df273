package io.mekong.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.mailchimp.MailchimpAccount;
import io.mekong.sandbox.mailchimp.MailchimpSimulator;
import io.mekong.sandbox.targets.Outage;
import io.mekong.testing.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A destination stopped while it waits for its target (here disabled; a stop of the hub stops every route the same
 * way) does not wait the wait out: the stop returns while the target still asks to wait, the poll stays uncommitted,
 * and once the destination runs again its events reach the target, each once. Three waits: the connector engine's
 * in-place Retry-After (HubSpot answering 429), a destination paused on a Retry-After longer than that (Mailchimp
 * answering 503), and a webhook destination's Retry-After between its tries. Each outage is shorter than Camel's 45 s
 * graceful stop, so a wait that went on would end the outage before the stop returned. Not Klaviyo: the connector
 * destinations test counts its profiles there, and this test's people (the same shop's) would be among them.
 */
class RouteStopDuringWaitHubTest extends HubIntegrationTest {

    private static final String WORKSPACE = "ws-route-stop";
    /** Within mekong.targets.max-retry-wait (30 s): the engine waits this Retry-After out in place. */
    private static final Duration SHORT_OUTAGE = Duration.ofSeconds(28);
    /** Beyond mekong.targets.max-retry-wait: the destination pauses for it instead. */
    private static final Duration LONG_OUTAGE = Duration.ofSeconds(40);
    private static final String RECEIVER = "it-six";

    @Autowired
    HubSpotSimulator hubspot;
    @Autowired
    MailchimpSimulator mailchimp;
    @Autowired
    HookReceivers hooks;

    @Test
    void aDestinationDisabledDuringTheEnginesRetryAfterStopsAtOnceAndDeliversEverythingOnceWhenEnabled() {
        syncedShop();
        Set<String> emails = emails();
        assertThat(emails).isNotEmpty();
        long throttled = hubspot.calls().withStatus(429);
        hubspot.outage().start(429, SHORT_OUTAGE);
        destination(WORKSPACE, "rs-hubspot", "hubspot",
                Map.of("baseUrl", "http://localhost:" + port + "/sandbox/hubspot"),
                Map.of("accessToken", hubspot.account().token()), List.of("profiles"));
        await("HubSpot throttled the destination's first write", () -> hubspot.calls().withStatus(429) > throttled,
                Duration.ofMinutes(1));

        disabledDuringTheWait("rs-hubspot", hubspot.outage());

        await("HubSpot caught up", () -> destination("rs-hubspot").get("lag").asLong(-1) == 0, Duration.ofMinutes(2));
        List<String> contacts = emails.stream().filter(email -> hubspot.contactByEmail(email) != null).toList();
        assertThat(contacts).as("a contact for every person, none lost").containsExactlyInAnyOrderElementsOf(emails);
        assertNothingFailed("rs-hubspot");
    }

    @Test
    void aDestinationDisabledWhilePausedOnALongRetryAfterStopsAtOnceAndDeliversEverythingOnceWhenEnabled() {
        syncedShop();
        Set<String> subscribed = subscribedEmails(WORKSPACE);
        assertThat(subscribed).isNotEmpty();
        mailchimp.outage().start(503, LONG_OUTAGE);
        MailchimpAccount account = mailchimp.account();
        destination(WORKSPACE, "rs-mailchimp", "mailchimp", Map.of("baseUrl", "http://localhost:" + port
                        + "/sandbox/mailchimp/3.0", "dataCenter", account.dc(), "listId", account.listId(),
                        "storeId", account.storeId()), Map.of("apiKey", account.apiKey()), List.of("profiles"));
        await("the destination paused on Mailchimp's long Retry-After", () -> destination("rs-mailchimp")
                .path("lastError").asText().contains("asks to retry after"), Duration.ofMinutes(1));

        disabledDuringTheWait("rs-mailchimp", mailchimp.outage());

        await("Mailchimp caught up", () -> destination("rs-mailchimp").get("lag").asLong(-1) == 0,
                Duration.ofMinutes(2));
        List<String> members = subscribed.stream().filter(email -> mailchimp.member(email) != null).toList();
        assertThat(members).as("a member for every subscribed person, none lost")
                .containsExactlyInAnyOrderElementsOf(subscribed);
        assertNothingFailed("rs-mailchimp");
    }

    @Test
    void aWebhookDestinationDisabledDuringItsRetryAfterStopsAtOnceAndPostsEveryOrderOnceWhenEnabled() {
        syncedShop();
        Set<String> orders = Set.copyOf(jdbc.queryForList("select connection_id || '/' || external_id from sales_order"
                + " where workspace_id = ?", String.class, WORKSPACE));
        hooks.outage(RECEIVER).start(429, SHORT_OUTAGE);
        destination(WORKSPACE, "rs-hook", "webhook",
                Map.of("url", "http://localhost:" + port + "/sandbox/hooks/" + RECEIVER),
                Map.of("signingSecret", hooks.receiver(RECEIVER).secret()), List.of("orders"));
        await("the endpoint refused the first POST and the destination waits its Retry-After",
                () -> destination("rs-hook").path("lastError").asText().contains("429"), Duration.ofMinutes(1));

        disabledDuringTheWait("rs-hook", hooks.outage(RECEIVER));

        await("the endpoint caught up", () -> destination("rs-hook").get("lag").asLong(-1) == 0, Duration.ofMinutes(2));
        Set<String> posted = hooks.deliveries(RECEIVER).stream().map(HookReceivers.Delivery::body)
                .filter(body -> body.path("type").asText().startsWith("io.mekong.order."))
                .map(body -> body.path("subject").asText()).collect(Collectors.toSet());
        assertThat(posted).as("every order, none lost").containsExactlyInAnyOrderElementsOf(orders);
        assertThat(hooks.duplicates(RECEIVER)).as("no event posted twice").isZero();
        assertNothingFailed("rs-hook");
    }

    /**
     * Disables the destination while it waits out the target's outage, checks that the stop did not wait for the
     * outage's end (its Retry-After) and left the poll uncommitted, then ends the outage and enables it again.
     */
    private void disabledDuringTheWait(String id, Outage outage) {
        enabled(id, false);

        assertThat(outage.current()).as("%s stopped while its target still asked to wait: the wait was cut short", id)
                .isPresent();
        assertThat(destination(id).get("lag").asLong()).as("%s left its poll uncommitted", id).isPositive();
        outage.end();
        enabled(id, true);
    }

    private void assertNothingFailed(String id) {
        JsonNode destination = destination(id);
        assertThat(destination.get("status").asText()).as(id).isEqualTo("running");
        assertThat(destination.get("failed").asLong()).as(id + " failed").isZero();
        assertThat(destination.get("deadLetters").asInt()).as(id + " dead letters").isZero();
    }

    /** The shop synced into this test's workspace, once: only its destinations receive the events. */
    private void syncedShop() {
        if (jdbc.queryForObject("select count(*) from connection where id = 'rs-shop'", Integer.class) == 0) {
            runToEnd(connectionWithSync(WORKSPACE, "rs-shop", SHOP, "VND", TOKEN));
        }
    }

    /** The workspace's profiles' emails, lower-cased: HubSpot's contacts. */
    private Set<String> emails() {
        return jdbc.queryForList("select lower(golden->>'email') from profile where workspace_id = ?"
                + " and golden->>'email' is not null", String.class, WORKSPACE).stream()
                .map(email -> email.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Disables or enables the destination; the answer comes once its route has stopped or started. */
    private void enabled(String id, boolean enabled) {
        call("PUT", "/api/destinations/" + id + "?workspace=" + WORKSPACE, Map.of("enabled", enabled), 200);
    }

    private JsonNode destination(String id) {
        return call("GET", "/api/destinations/" + id + "?workspace=" + WORKSPACE, null, 200);
    }

    private static void await(String what, BooleanSupplier done, Duration atMost) {
        Instant deadline = Instant.now().plus(atMost);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waited for: " + what).isBefore(deadline);
            sleep(200);
        }
    }
}
