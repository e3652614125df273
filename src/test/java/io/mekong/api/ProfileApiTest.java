package io.mekong.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.identity.ProfileListener;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.store.PageCommitter;
import io.mekong.store.StoredRecords;
import io.mekong.testing.HandResolved;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The 360° API over the running hub: search by any form of email, phone or name, one profile's view, a customer naming
 * its profile, FX rates that convert the totals, and two workspaces holding the same email and phone that never see
 * each other's profiles. Records are stored through the store; identities are assigned with SQL and the profile
 * listeners called as resolution would (resolution is another slice's).
 */
class ProfileApiTest extends HubIntegrationTest {

    private static final String PASSWORD = "profile-merchant-pass";
    private static final String A = "prof-a";
    private static final String B = "prof-b";
    private static final String VIEWER = "prof-viewer";

    @Autowired
    AppUsers users;
    @Autowired
    PageCommitter committer;
    @Autowired
    List<ProfileListener> listeners;

    private final Map<String, Long> profiles = new java.util.HashMap<>();

    /** In each workspace, Đặng Thị Hồng on its shop with one VND and one USD order; the same email and phone. */
    @BeforeEach
    void samePersonalDataInTwoWorkspaces() {
        StoredRecords records = new StoredRecords(jdbc, committer);
        HandResolved resolved = new HandResolved(jdbc);
        for (String ws : List.of(A, B)) {
            jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", ws, ws);
            if (!users.exists(ws)) {
                users.create(ws, PASSWORD, Role.MERCHANT, ws);
            }
            String shop = ws + "-shop";
            if (jdbc.queryForObject("select count(*) from connection where id = ?", Integer.class, shop) == 0) {
                records.connection(shop, ws, "shopify", Map.of());
            }
            records.customer(shop, Map.of("externalId", "c1", "email", "Hong.Dang@Example.com", "phone", "+84912345678",
                    "firstName", "Đặng Thị", "lastName", "Hồng", "updatedAt", "2025-01-01T00:00:00Z"));
            records.order(shop, Map.of("externalId", "o1", "customerExternalId", "c1", "currency", "VND",
                    "totalMinor", 500_000, "financialStatus", "paid", "placedAt", "2025-02-01T00:00:00Z"));
            records.order(shop, Map.of("externalId", "o2", "customerExternalId", "c1", "currency", "USD",
                    "totalMinor", 1_000, "financialStatus", "paid", "placedAt", "2025-03-01T00:00:00Z"));
            // each test starts from one hand-resolved profile per workspace, and no rates
            jdbc.update("delete from identity where workspace_id = ?", ws);
            jdbc.update("delete from profile where workspace_id = ?", ws);
            jdbc.update("delete from fx_rate where workspace_id = ?", ws);
            long profile = resolved.profile(ws);
            resolved.identity(profile, shop, "customer", "c1", "Đặng Thị Hồng");
            profiles.put(ws, profile);
        }
        if (!users.exists(VIEWER)) {
            users.create(VIEWER, PASSWORD, Role.VIEWER, null);
        }
        profiles.forEach((ws, profile) -> listeners.forEach(listener -> listener.profilesChanged(ws, Set.of(profile))));
    }

    @Test
    void everyFormOfAPhoneEveryCaseOfAnEmailAndANameWithoutDiacriticsFindTheWorkspacesOwnProfile() {
        for (String ws : List.of(A, B)) {
            for (String query : List.of("phone=0912 345 678", "phone=+84 912 345 678", "phone=84912345678",
                    "phone=(+84) 912345678", "email=HONG.DANG@example.COM", "q=dang thi", "q=ĐẶNG THỊ HỒNG", "q=hong")) {
                JsonNode found = as(ws, "GET", "/api/profiles?" + encoded(query), 200);
                assertThat(found.get("profiles")).as(ws + " " + query).singleElement()
                        .satisfies(p -> assertThat(p.get("id").asLong()).isEqualTo(profiles.get(ws)));
            }
        }
        JsonNode hit = as(A, "GET", "/api/profiles?phone=0912345678&q=hong", 200).get("profiles").get(0);
        assertThat(hit.get("name").asText()).isEqualTo("Đặng Thị Hồng");
        assertThat(hit.get("email").asText()).isEqualTo("hong.dang@example.com");
        assertThat(hit.get("phone").asText()).isEqualTo("+84912345678");
        assertThat(hit.get("identities").asInt()).isEqualTo(1);
        assertThat(hit.get("orders").asInt()).isEqualTo(2);
        assertThat(as(A, "GET", "/api/profiles?q=nguyen", 200).get("profiles")).isEmpty();
        assertThat(as(A, "GET", "/api/profiles?phone=0912345679", 200).get("profiles")).isEmpty();
        JsonNode all = call("GET", "/api/profiles?phone=0912345678", null, 200).get("profiles");
        assertThat(all).extracting(p -> p.get("id").asLong()).as("admins see every workspace")
                .contains(profiles.get(A), profiles.get(B));
    }

    @Test
    void aProfileIsSeenOnlyFromItsWorkspace() {
        long a = profiles.get(A);
        JsonNode view = as(A, "GET", "/api/profiles/" + a, 200);
        assertThat(view.get("id").asLong()).isEqualTo(a);
        assertThat(view.at("/golden/fullName").asText()).isEqualTo("Đặng Thị Hồng");
        assertThat(view.at("/golden/sources/email/connection").asText()).isEqualTo(A + "-shop");
        assertThat(view.get("identities")).singleElement().satisfies(i -> {
            assertThat(i.get("connection").asText()).isEqualTo(A + "-shop");
            assertThat(i.get("connector").asText()).isEqualTo("shopify");
            assertThat(i.get("kind").asText()).isEqualTo("customer");
            assertThat(i.get("externalId").asText()).isEqualTo("c1");
            assertThat(i.get("email").asText()).isEqualTo("Hong.Dang@Example.com");
        });
        assertThat(view.get("orders")).extracting(o -> o.get("externalId").asText()).containsExactly("o1", "o2");
        assertThat(view.at("/totals/orders").asInt()).isEqualTo(2);
        assertThat(view.get("merges")).isEmpty();
        assertThat(view.get("consents").isObject()).isTrue();

        JsonNode notFound = as(B, "GET", "/api/profiles/" + a, 404);
        assertThat(notFound.get("error").asText()).isEqualTo("not_found");
        as(A, "GET", "/api/profiles/" + a + "?workspace=" + B, 404);
        call("GET", "/api/profiles/" + a + "?workspace=" + B, null, 404);
        call("GET", "/api/profiles/" + a + "?workspace=" + A, null, 200);
        assertThat(as(VIEWER, "GET", "/api/profiles/" + a, 200).get("id").asLong()).isEqualTo(a);

        assertThat(as(A, "GET", "/api/customers/" + A + "-shop/c1", 200).get("profile").asLong()).isEqualTo(a);
        assertThat(as(B, "GET", "/api/customers/" + B + "-shop/c1", 200).get("profile").asLong()).isEqualTo(profiles.get(B));
        as(B, "GET", "/api/customers/" + A + "-shop/c1", 404);
    }

    @Test
    void ratesSetForAWorkspaceConvertItsTotalsOnly() {
        JsonNode before = as(A, "GET", "/api/profiles/" + profiles.get(A), 200).get("totals");
        assertThat(before.at("/revenue/amountMinor").asLong()).isEqualTo(500_000);
        assertThat(before.at("/revenue/unconverted")).extracting(JsonNode::asText).containsExactly("USD");

        JsonNode set = as(A, "PUT", "/api/fx-rates", Map.of("reportingCurrency", "VND", "rates", Map.of("USD", 25_000)), 200);
        assertThat(set.get("reportingCurrency").asText()).isEqualTo("VND");
        assertThat(set.at("/rates/USD/rate").asText()).isEqualTo("25000");
        assertThat(set.at("/rates/USD/setBy").asText()).isEqualTo(A);

        JsonNode after = as(A, "GET", "/api/profiles/" + profiles.get(A), 200).get("totals");
        assertThat(after.at("/revenue/amountMinor").asLong()).isEqualTo(500_000 + 250_000);
        assertThat(after.at("/revenue/rates/USD/rate").asText()).isEqualTo("25000");
        JsonNode other = as(B, "GET", "/api/profiles/" + profiles.get(B), 200).get("totals");
        assertThat(other.at("/revenue/unconverted")).extracting(JsonNode::asText).containsExactly("USD");
        assertThat(as(B, "GET", "/api/fx-rates", 200).get("rates")).isEmpty();

        as(A, "PUT", "/api/fx-rates?workspace=" + B, Map.of("reportingCurrency", "VND", "rates", Map.of()), 404);
        as(VIEWER, "PUT", "/api/fx-rates?workspace=" + A, Map.of("reportingCurrency", "VND", "rates", Map.of()), 403);
        JsonNode bad = as(A, "PUT", "/api/fx-rates", Map.of("reportingCurrency", "VND", "rates", Map.of("USD", -1)), 400);
        assertThat(bad.get("detail").asText()).contains("rates.USD");
    }

    @Test
    void badSearchesAreRefusedNamingWhatIsWrong() {
        assertThat(as(A, "GET", "/api/profiles?phone=abc", 400).get("detail").asText())
                .contains("phone: 'abc' is not a phone number");
        assertThat(as(A, "GET", "/api/profiles?limit=0", 400).get("detail").asText()).contains("limit");
        assertThat(as(A, "GET", "/api/profiles?q=N****n", 400).get("detail").asText()).contains("q:");
        as(A, "GET", "/api/profiles?workspace=" + B, 404);
    }

    @Test
    void searchIsPagedByProfileId() {
        long second = new HandResolved(jdbc).profile(A);
        JsonNode first = as(A, "GET", "/api/profiles?limit=1", 200);
        assertThat(first.get("profiles")).singleElement()
                .satisfies(p -> assertThat(p.get("id").asLong()).isEqualTo(profiles.get(A)));
        JsonNode next = as(A, "GET", "/api/profiles?limit=1&after=" + first.get("next").asLong(), 200);
        assertThat(next.get("profiles")).singleElement().satisfies(p -> assertThat(p.get("id").asLong()).isEqualTo(second));
        assertThat(next.get("next")).isNull();
    }

    private static String encoded(String query) {
        int eq = query.indexOf('=');
        return query.substring(0, eq + 1) + URLEncoder.encode(query.substring(eq + 1), StandardCharsets.UTF_8);
    }

    private JsonNode as(String user, String method, String path, Object body, int expectedStatus) {
        HttpResponse<String> response = send(method, path, body, user, PASSWORD);
        assertThat(response.statusCode()).as("%s %s %s -> %s", user, method, path, response.body()).isEqualTo(expectedStatus);
        try {
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode as(String user, String method, String path, int expectedStatus) {
        return as(user, method, path, null, expectedStatus);
    }
}
