package io.mekong.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.store.StoredRecords;
import io.mekong.testing.HandResolved;
import io.mekong.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Survivorship: one person known to Shopify, Magento, Stripe and Shopee, each field of the golden record chosen by its
 * rule. Records are stored through the store; identities are assigned with SQL (resolution is another slice's).
 */
class GoldenRecordTest {

    private static final GoldenRules RULES = GoldenRules.parse("""
            golden:
              default: most-recent
              fields:
                firstName: { rule: source-priority, priority: [stripe, shopify] }
                phone: most-frequent
                locale: first-seen
            """);

    private JdbcTemplate jdbc;
    private StoredRecords records;
    private HandResolved resolved;

    @BeforeEach
    void fourSourcesOfOnePerson() {
        jdbc = TestDatabase.freshWorkspace("ws1", "shop");
        records = StoredRecords.inTestDatabase(jdbc);
        resolved = new HandResolved(jdbc);
        records.connection("mag", "ws1", "magento", Map.of());
        records.connection("stripe", "ws1", "stripe", Map.of("ordersConnection", "shop"));
        records.connection("shopee", "ws1", "shopee", Map.of());
    }

    private JsonNode golden(long profile) {
        new GoldenRecord(jdbc, RULES).refresh(Set.of(profile));
        return ProfileSearch.json(jdbc.queryForObject("select golden::text from profile where id = ?", String.class, profile));
    }

    @Test
    void eachFieldIsChosenByItsRuleAndNamesItsSource() {
        long profile = resolved.profile("ws1");
        records.customer("shop", Map.of("externalId", "c1", "email", "An.Nguyen@Gmail.com", "phone", "+84912345678",
                "firstName", "An", "lastName", "Nguyễn", "locale", "vi", "tags", List.of("vip"),
                "createdAt", "2025-01-01T00:00:00Z", "updatedAt", "2025-06-01T00:00:00Z"));
        records.customer("mag", Map.of("externalId", "7", "email", "an.nguyen@gmail.com", "phone", "+84987654321",
                "firstName", "Văn An", "lastName", "Nguyễn", "locale", "en",
                "createdAt", "2024-01-01T00:00:00Z", "updatedAt", "2026-01-01T00:00:00Z"));
        // Stripe gives one whole name, which its mapping puts into firstName
        records.customer("stripe", Map.of("externalId", "cus_1", "email", "an.nguyen@gmail.com", "phone", "+84912345678",
                "firstName", "Nguyễn Văn An", "createdAt", "2025-03-01T00:00:00Z", "updatedAt", "2025-03-01T00:00:00Z"));
        // the most recent record of all, but Shopee masks its buyers: no value of it is usable
        records.order("shopee", Map.of("externalId", "SP1", "customerExternalId", "buyer-9", "currency", "VND",
                "totalMinor", 100000, "placedAt", "2026-06-01T00:00:00Z",
                "billingAddress", Map.of("name", "N*****n", "line1", "****", "countryCode", "VN")));
        resolved.identity(profile, "shop", "customer", "c1", "An Nguyễn");
        resolved.identity(profile, "mag", "customer", "7", "Văn An Nguyễn");
        long stripe = resolved.identity(profile, "stripe", "customer", "cus_1", "Nguyễn Văn An");
        resolved.identity(profile, "shopee", "buyer", "buyer-9", null);

        JsonNode golden = golden(profile);

        assertThat(golden.get("firstName").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(golden.at("/sources/firstName")).isEqualTo(ProfileSearch.json("""
                {"connection": "stripe", "connector": "stripe", "identity": %d, "rule": "source-priority"}""".formatted(stripe)));
        assertThat(golden.get("phone").asText()).as("two sources of three say so").isEqualTo("+84912345678");
        assertThat(golden.at("/sources/phone/rule").asText()).isEqualTo("most-frequent");
        assertThat(golden.get("locale").asText()).as("Magento's record was created first").isEqualTo("en");
        assertThat(golden.get("fullName").asText()).as("most recent, composed from first and last name")
                .isEqualTo("Văn An Nguyễn");
        assertThat(golden.at("/sources/fullName/connection").asText()).isEqualTo("mag");
        assertThat(golden.get("email").asText()).isEqualTo("an.nguyen@gmail.com");
        assertThat(golden.get("tags")).containsExactly(ProfileSearch.json("\"vip\""));
        assertThat(golden.get("address")).as("Shopee's masked address is no address").isNull();
    }

    @Test
    void aGuestOrderGivesTheNameAndAddressItCarriesAndAnEmptiedProfileHasNoGoldenFields() {
        long guest = resolved.profile("ws1");
        long emptied = resolved.profile("ws1");
        jdbc.update("update profile set golden = '{\"email\": \"gone@example.com\"}' where id = ?", emptied);
        records.order("mag", Map.of("externalId", "100", "email", "Hong.Dang@Example.com", "currency", "VND",
                "totalMinor", 250000, "placedAt", "2025-05-05T00:00:00Z",
                "billingAddress", Map.of("name", "Đặng Thị Hồng", "line1", "1 Lê Lợi", "city", "Huế", "countryCode", "VN")));
        resolved.identity(guest, "mag", "guest", "100", "Đặng Thị Hồng");

        new GoldenRecord(jdbc, RULES).refresh(Set.of(guest, emptied, -1L));

        JsonNode golden = ProfileSearch.json(jdbc.queryForObject("select golden::text from profile where id = ?", String.class, guest));
        assertThat(golden.get("fullName").asText()).isEqualTo("Đặng Thị Hồng");
        assertThat(golden.get("email").asText()).isEqualTo("hong.dang@example.com");
        assertThat(golden.at("/address/city").asText()).isEqualTo("Huế");
        assertThat(jdbc.queryForObject("select golden::text from profile where id = ?", String.class, emptied)).isEqualTo("{}");
    }
}
