package io.mekong.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.shopify.MarketingConsent;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/profiles/{id}/export: one document with everything held about the person. */
class ExportTest extends PrivacyFixture {

    private static final String WS = "privacy-export";

    @Test
    void theExportHoldsEveryIdentityCustomerOrderPaymentConsentRawPayloadAndMerge() {
        Person person = uniquePerson(6, "Xuất", "Dữliệu", "Xuat.Dulieu@Example.VN", "+84977001122", "0977 001 122");
        shop().updateCustomer(person.customerId(), c -> c.emailMarketingConsent = MarketingConsent.email("SUBSCRIBED",
                "SINGLE_OPT_IN", OffsetDateTime.parse("2025-03-01T10:00:00+07:00")));
        long variant = shop().read(() -> shop().products().iterator().next().variants.get(0).id);
        shop().leaveCheckout(person.customerId(), variant, 1, OffsetDateTime.parse("2025-04-01T09:00:00+07:00"));
        workspace(WS);
        syncedShop("export-shop", WS);
        stripeConnection("export-stripe", WS);
        stripeCustomer("export-stripe", "cus_Export1", person, "evt_export_1");
        processWebhooks();
        jdbc.update("insert into payment (workspace_id, connection_id, external_id, status, amount_minor, captured_minor,"
                + " currency, customer_external_id, email, email_normalized, source_updated_at, content_hash)"
                + " values (?, 'export-stripe', 'pi_Export1', 'succeeded', 99000, 99000, 'VND', 'cus_Export1', ?, ?, now(), 'h')",
                WS, person.email(), person.email().toLowerCase());
        // resolution joined the shop's customer and the Stripe customer: same email (and phone)
        long profile = profileOf("export-shop", "customer", Long.toString(person.customerId()));
        assertThat(profileOf("export-stripe", "customer", "cus_Export1")).as("one person in both systems").isEqualTo(profile);

        JsonNode export = call("GET", "/api/profiles/" + profile + "/export", null, 200);

        assertThat(export.at("/profile/id").asLong()).isEqualTo(profile);
        assertThat(export.at("/profile/golden/email").asText()).isEqualTo(person.email().toLowerCase());
        assertThat(each(export.get("identities"), "external_id"))
                .containsExactlyInAnyOrder(Long.toString(person.customerId()), "cus_Export1");
        assertThat(export.at("/identities/0/keys").findValuesAsText("value")).contains(person.email().toLowerCase());
        assertThat(each(export.get("customers"), "email"))
                .containsExactlyInAnyOrder(person.email(), person.email().toLowerCase());
        assertThat(each(export.get("orders"), "external_id"))
                .containsExactlyInAnyOrderElementsOf(person.orderIds().stream().map(String::valueOf).toList());
        export.get("orders").forEach(order -> {
            assertThat(order.get("lines")).as("lines of order %s", order.get("external_id")).isNotEmpty();
            assertThat(order.at("/billing_address/phone").asText()).isEqualTo(person.local());
        });
        assertThat(each(export.get("payments"), "external_id")).containsExactly("pi_Export1");
        assertThat(export.get("consents")).anySatisfy(c -> {
            assertThat(c.get("connection").asText()).isEqualTo("export-shop");
            assertThat(c.get("customer").asText()).isEqualTo(Long.toString(person.customerId()));
            assertThat(c.get("channel").asText()).isEqualTo("email");
            assertThat(c.get("status").asText()).isEqualTo("subscribed");
        });
        // the checkout left above, and any other the shared shop holds for this customer (seeded, or left by another test)
        List<String> checkouts = shop().read(() -> shop().checkouts().stream()
                .filter(k -> Long.valueOf(person.customerId()).equals(k.customerId)).map(k -> Long.toString(k.id)).toList());
        assertThat(export.get("sourceRecords")).hasSize(2 + person.orderIds().size() + checkouts.size());
        List<String> exportedCheckouts = new ArrayList<>();
        export.get("sourceRecords").forEach(r -> {
            if (r.get("entity").asText().equals("checkout")) {
                exportedCheckouts.add(r.get("externalId").asText());
            }
        });
        assertThat(exportedCheckouts).isNotEmpty().containsExactlyInAnyOrderElementsOf(checkouts);
        assertThat(each(export.get("sourceRecords"), "entity")).contains("customer", "order");
        assertThat(export.at("/sourceRecords/0/payload").isObject()).isTrue();
        assertThat(export.get("merges")).as("the ledger's join of the two").hasSize(1);
        assertThat(export.at("/merges/0/rule").asText()).isEqualTo("same-email");
        assertThat(export.at("/merges/0/evidence/value").asText()).isEqualTo(person.email().toLowerCase());
        List<String> joined = new ArrayList<>();
        export.at("/merges/0/joined").forEach(side -> side.forEach(id -> joined.add(id.asText())));
        assertThat(joined).containsExactlyInAnyOrderElementsOf(each(export.get("identities"), "id"));
        assertThat(export.at("/connections/export-shop/connector").asText()).isEqualTo("shopify");

        call("GET", "/api/profiles/999999999/export", null, 404);
    }
}
