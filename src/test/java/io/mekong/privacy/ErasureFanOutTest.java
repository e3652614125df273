package io.mekong.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.klaviyo.KlaviyoSimulator;
import io.mekong.sandbox.mailchimp.MailchimpAccount;
import io.mekong.sandbox.mailchimp.MailchimpSimulator;
import io.mekong.sandbox.shopify.MarketingConsent;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An erasure reaches every target of the merchant: Klaviyo, Mailchimp and HubSpot delete the person they hold, the
 * merchant's own endpoint is told, and GET /api/erasures/{id} completes only once each destination confirmed, naming
 * each one.
 */
class ErasureFanOutTest extends PrivacyFixture {

    private static final String WS = "privacy-fanout";
    private static final String RECEIVER = "it-three";

    @Autowired
    KlaviyoSimulator klaviyo;
    @Autowired
    MailchimpSimulator mailchimp;
    @Autowired
    HubSpotSimulator hubspot;
    @Autowired
    HookReceivers hooks;

    @Test
    void anErasureReachesEveryTargetAndTheRequestReportsEachDestinationsConfirmation() {
        Person person = uniquePerson(10, "Thảo", "Vắngbóng", "Thao.Vangbong@Example.VN", "+84933112233", "0933 112 233");
        // subscribed to email marketing: a Mailchimp audience holds them too
        shop().updateCustomer(person.customerId(), c -> c.emailMarketingConsent = MarketingConsent.email("SUBSCRIBED",
                "SINGLE_OPT_IN", OffsetDateTime.parse("2025-02-01T09:00:00+07:00")));
        workspace(WS);
        destination("fanout-klaviyo", "klaviyo", Map.of("baseUrl", sandbox("klaviyo")),
                Map.of("apiKey", klaviyo.account().apiKey()), List.of("profiles", "consent", "erasures"));
        MailchimpAccount m = mailchimp.account();
        destination("fanout-mailchimp", "mailchimp", Map.of("baseUrl", sandbox("mailchimp") + "/3.0",
                        "dataCenter", m.dc(), "listId", m.listId(), "storeId", m.storeId()),
                Map.of("apiKey", m.apiKey()), List.of("profiles", "consent", "erasures"));
        destination("fanout-hubspot", "hubspot", Map.of("baseUrl", sandbox("hubspot")),
                Map.of("accessToken", hubspot.account().token()), List.of("profiles", "erasures"));
        destination("fanout-hook", "webhook", Map.of("url", sandbox("hooks") + "/" + RECEIVER),
                Map.of("signingSecret", hooks.receiver(RECEIVER).secret()), List.of("erasures"));
        syncedShop("fanout-shop", WS);
        String email = person.email().toLowerCase();
        await("the person in every target", () -> klaviyo.profile("email", email) != null
                && mailchimp.member(email) != null && hubspot.contactByEmail(email) != null);
        assertThat(mailchimp.member(email).get("status").asText()).isEqualTo("subscribed");

        long profile = profileOf("fanout-shop", "customer", Long.toString(person.customerId()));
        long erasure = call("DELETE", "/api/profiles/" + profile, null, 202).get("erasure").asLong();
        JsonNode request = completedErasure(erasure);

        assertThat(request.at("/parts/targets").asText()).isEqualTo("completed");
        assertThat(request.get("targets")).as(request.toString()).hasSize(4).allSatisfy(target -> {
            assertThat(target.get("status").asText()).as(target.toString()).isEqualTo("completed");
            assertThat(target.get("confirmedAt").isNull()).as(target.toString()).isFalse();
        });
        assertThat(request.get("targets").findValuesAsText("destination"))
                .containsExactly("fanout-hook", "fanout-hubspot", "fanout-klaviyo", "fanout-mailchimp");
        assertThat(klaviyo.profile("email", email)).as("Klaviyo deleted the profile").isNull();
        assertThat(mailchimp.isForgotten(email)).as("Mailchimp deleted the member for good").isTrue();
        assertThat(hubspot.contactByEmail(email)).as("HubSpot GDPR-deleted the contact").isNull();
        assertThat(hooks.deliveries(RECEIVER)).as("the merchant's endpoint was told")
                .anySatisfy(d -> {
                    assertThat(d.body().get("type").asText()).isEqualTo("io.mekong.erasure.requested");
                    assertThat(d.body().get("subject").asText()).isEqualTo(Long.toString(erasure));
                    assertThat(d.body().toString()).doesNotContain(email);
                });
    }

    private void destination(String id, String connector, Map<String, Object> params, Map<String, String> secrets,
                             List<String> deliver) {
        call("POST", "/api/connections", Map.of("id", id, "workspace", WS, "connector", connector, "params", params,
                "secrets", secrets), 201);
        call("POST", "/api/destinations", Map.of("id", id, "workspace", WS, "connection", id, "deliver", deliver), 201);
    }

    private String sandbox(String target) {
        return "http://localhost:" + port + "/sandbox/" + target;
    }

    private static void await(String what, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as(what + " by " + deadline).isBefore(deadline);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
