package io.mekong.identity.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.shopify.Customer;
import io.mekong.sandbox.shopify.MarketingConsent;
import io.mekong.testing.HubIntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Consent statements travel from the simulated Shopify shop and Magento store through the real connector, mapping
 * and store: each lands once, with its source field, the time the source gives and the source's own words.
 */
class ConsentSyncTest extends HubIntegrationTest {

    @Autowired
    private Consents consents;

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
                && c.smsMarketingConsent.marketingState().equals("SUBSCRIBED")).findFirst().orElseThrow();
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
