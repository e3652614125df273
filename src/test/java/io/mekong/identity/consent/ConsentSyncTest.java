package io.mekong.identity.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.shopify.Customer;
import io.mekong.sandbox.shopify.MarketingConsent;
import io.mekong.sandbox.shopify.ShopifyWebhooks;
import io.mekong.testing.HubIntegrationTest;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Consent statements travel from the simulated Shopify shop and Magento store through the real connector, mapping
 * and store, on the pull path and the webhook path: each lands once, with its source field, the time the source
 * gives and the source's own words.
 */
class ConsentSyncTest extends HubIntegrationTest {

    @Autowired
    private Consents consents;

    @Autowired
    private ShopifyWebhooks shopifyWebhooks;

    @Test
    void shopifyMarketingConsentLandsWithSourceAndTimeAndAChangeInTheShopIsANewStatement() {
        long sync = connectionWithSync("consent-shop", TOKEN);
        assertThat(runToEnd(sync).get("status").asText()).isEqualTo("succeeded");

        List<Customer> customers = shop().read(() -> List.copyOf(shop().customers()));
        Customer subscribed = customers.stream().filter(c -> c.emailMarketingConsent != null
                && c.emailMarketingConsent.marketingState().equals("SUBSCRIBED")).findFirst().orElseThrow();
        Map<String, Object> email = statement("consent-shop", subscribed.id, "email");
        assertThat(email).containsEntry("status", "subscribed").containsEntry("field", "emailMarketingConsent");
        assertThat(((Timestamp) email.get("stated_at")).toInstant())
                .isEqualTo(subscribed.emailMarketingConsent.consentUpdatedAt().toInstant());
        assertThat(email.get("evidence").toString()).contains("\"marketingState\": \"SUBSCRIBED\"",
                "\"marketingOptInLevel\": \"SINGLE_OPT_IN\"");

        Customer smsSubscriber = customers.stream().filter(c -> c.smsMarketingConsent != null
                && "SHOPIFY".equals(c.smsMarketingConsent.consentCollectedFrom())).findFirst().orElseThrow();
        assertThat(statement("consent-shop", smsSubscriber.id, "sms").get("evidence").toString())
                .as("where the shop collected it").contains("\"consentCollectedFrom\": \"SHOPIFY\"");
        long withConsent = customers.stream().mapToLong(c -> (c.emailMarketingConsent == null ? 0 : 1)
                + (c.smsMarketingConsent == null ? 0 : 1)).sum();
        assertThat(count("consent-shop")).as("one statement per customer and channel").isEqualTo(withConsent);

        OffsetDateTime optOut = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        shop().updateCustomer(subscribed.id, c -> c.emailMarketingConsent = MarketingConsent.email("UNSUBSCRIBED",
                "SINGLE_OPT_IN", optOut));
        shop().updateCustomer(smsSubscriber.id, c -> c.note = "giao giờ hành chính");
        JsonNode run = runToEnd(sync);

        assertThat(stream(run, "customers").get("updated").asInt()).as(run.toString()).isEqualTo(2);
        assertThat(count("consent-shop")).as("only the opt-out is new").isEqualTo(withConsent + 1);
        ConsentView now = consents.forCustomer(customerId("consent-shop", subscribed.id)).get("email");
        assertThat(now.status()).isEqualTo("unsubscribed");
        assertThat(now.statedAt()).isEqualTo(optOut.toInstant());
        assertThat(now.source()).isEqualTo(new ConsentView.Source("consent-shop", "shopify", "emailMarketingConsent"));
        assertThat(call("GET", "/api/customers/consent-shop/" + subscribed.id, null, 200).get("emailConsent").asText())
                .isEqualTo("unsubscribed");
    }

    @Test
    void aConsentChangeArrivingByTheShopsWebhookLandsAsAStatementToo() throws Exception {
        String secret = "shpss_consent_secret";
        call("POST", "/api/connections", Map.of("id", "consent-hook", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                "secrets", Map.of("accessToken", TOKEN, "webhookSecret", secret)), 201);
        shopifyWebhooks.subscribe(shop(), URI.create("http://localhost:" + port + "/webhooks/shopify/consent-hook"),
                secret, Set.of("customers/update"));
        // one never asked, so that the change is the shop's webhook's alone (the shop is shared with other tests)
        long customer = shop().read(() -> shop().customers().stream().filter(c -> c.smsMarketingConsent != null
                && c.smsMarketingConsent.marketingState().equals("NOT_SUBSCRIBED")).findFirst().orElseThrow().id);
        OffsetDateTime optIn = OffsetDateTime.of(2026, 2, 3, 4, 5, 6, 0, ZoneOffset.UTC);

        shop().updateCustomer(customer, c -> c.smsMarketingConsent = new MarketingConsent("SUBSCRIBED",
                "CONFIRMED_OPT_IN", optIn, "OTHER"));
        Instant deadline = Instant.now().plusSeconds(30);
        while (jdbc.queryForObject("select count(*) from webhook_inbox where connection_id = 'consent-hook'",
                Integer.class) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        processWebhooks();

        Map<String, Object> sms = statement("consent-hook", customer, "sms");
        assertThat(sms).containsEntry("status", "subscribed").containsEntry("field", "smsMarketingConsent");
        assertThat(((Timestamp) sms.get("stated_at")).toInstant()).isEqualTo(optIn.toInstant());
        assertThat(sms.get("evidence").toString()).contains("\"marketingOptInLevel\": \"CONFIRMED_OPT_IN\"",
                "\"consentCollectedFrom\": \"OTHER\"");
    }

    @Test
    void theMagentoNewsletterFlagLandsAsAnEmailStatementWithoutATime() {
        magentoConnection("consent-magento", Map.of());
        long sync = call("POST", "/api/syncs", Map.of("connection", "consent-magento", "streams", List.of("customers")),
                201).get("id").asLong();

        assertThat(runToEnd(sync).get("status").asText()).isEqualTo("succeeded");

        List<? extends JsonNode> listed = magento.store("default").customers();
        JsonNode subscriber = listed.stream().filter(c -> c.at("/extension_attributes/is_subscribed").asBoolean())
                .findFirst().orElseThrow();
        Map<String, Object> email = statement("consent-magento", subscriber.get("id").asLong(), "email");
        assertThat(email).containsEntry("status", "subscribed")
                .containsEntry("field", "extension_attributes.is_subscribed").containsEntry("stated_at", null);
        assertThat(count("consent-magento")).isEqualTo(listed.size());
        assertThat(jdbc.queryForList("select status from consent_statement where connection_id = 'consent-magento'",
                String.class)).containsOnly("subscribed", "not_subscribed").contains("not_subscribed");
    }

    private Map<String, Object> statement(String connection, long externalId, String channel) {
        return jdbc.queryForMap("select s.status, s.field, s.stated_at, s.evidence::text as evidence"
                + " from consent_statement s join customer c on c.id = s.customer_id"
                + " where c.connection_id = ? and c.external_id = ? and s.channel = ?", connection,
                Long.toString(externalId), channel);
    }

    private long customerId(String connection, long externalId) {
        return jdbc.queryForObject("select id from customer where connection_id = ? and external_id = ?", Long.class,
                connection, Long.toString(externalId));
    }

    private long count(String connection) {
        return jdbc.queryForObject("select count(*) from consent_statement where connection_id = ?", Long.class,
                connection);
    }
}
