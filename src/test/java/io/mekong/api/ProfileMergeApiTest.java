package io.mekong.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.sandbox.shopify.Customer;
import io.mekong.testing.HubIntegrationTest;
import io.mekong.webhook.SignedDeliveries;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Resolution on the pull path (a real sync from the simulated shop) and the webhook path (a signed Stripe event), then
 * the merge ledger's API: unmerge and rebuild with their roles and workspaces.
 */
class ProfileMergeApiTest extends HubIntegrationTest {

    private static final String STRIPE_SECRET = "whsec_profiles_secret";
    private static final String PASSWORD = "profiles-pass";

    @Autowired
    AppUsers users;

    @Test
    void syncedAndWebhookRecordsResolveAndAMergeIsUndoneAndRebuiltThroughTheApi() throws Exception {
        call("POST", "/api/connections", Map.of("id", "pr-shop", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                "secrets", Map.of("accessToken", TOKEN)), 201);
        long sync = call("POST", "/api/syncs", Map.of("connection", "pr-shop", "streams", List.of("customers", "orders")), 201)
                .get("id").asLong();
        long started = System.nanoTime();
        runToEnd(sync);
        System.out.printf("pull of customers and orders with resolution: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        String shopConnection = jdbc.queryForObject("select id from connection where api_id = 'pr-shop'", String.class);

        assertThat(jdbc.queryForObject("select count(*) from customer c where c.connection_id = ? and not exists ("
                + " select 1 from identity i where i.connection_id = c.connection_id and i.kind = 'customer'"
                + " and i.external_id = c.external_id and i.profile_id is not null)", Integer.class, shopConnection))
                .as("every synced customer has a profile").isZero();
        assertThat(jdbc.queryForObject("select count(*) from sales_order o where o.connection_id = ?"
                + " and not exists (select 1 from profile_order p where p.order_id = o.id)", Integer.class, shopConnection))
                .as("every synced order belongs to a profile").isZero();

        // the webhook path: Stripe tells of a customer whose metadata names a Shopify customer
        call("POST", "/api/connections", Map.of("id", "pr-stripe", "connector", "stripe", "params", Map.of(),
                "secrets", Map.of("secretKey", "sk_test_profiles", "webhookSecret", STRIPE_SECRET)), 201);
        Customer buyer = shop().read(() -> shop().customers().iterator().next());
        String customer = "{\"id\":\"cus_Prof1\",\"object\":\"customer\",\"created\":1746100000,\"email\":\"accounts@company.test\","
                + "\"name\":\"Công ty TNHH\",\"phone\":null,\"address\":null,\"deleted\":false,"
                + "\"metadata\":{\"shopify_customer_id\":\"" + buyer.id + "\"}}";
        assertThat(new SignedDeliveries(port).stripe("pr-stripe", STRIPE_SECRET, "{\"id\":\"evt_Prof1\",\"object\":\"event\","
                + "\"type\":\"customer.created\",\"created\":1746100500,\"data\":{\"object\":" + customer + "}}").statusCode())
                .isEqualTo(200);
        processWebhooks();

        long profile = jdbc.queryForObject("select profile_id from identity i join connection c on c.id = i.connection_id"
                + " where c.api_id = 'pr-shop' and i.kind = 'customer' and i.external_id = ?", Long.class, Long.toString(buyer.id));
        long stripeProfile = jdbc.queryForObject("select profile_id from identity i join connection c on c.id = i.connection_id"
                + " where c.api_id = 'pr-stripe' and i.external_id = 'cus_Prof1'", Long.class);
        assertThat(stripeProfile).isEqualTo(profile);
        JsonNode merges = call("GET", "/api/profiles/" + profile + "/merges", null, 200).get("merges");
        JsonNode link = merges.get(merges.size() - 1);
        assertThat(link.get("rule").asText()).isEqualTo("source-link");
        assertThat(link.at("/evidence/value").asText()).isEqualTo("shopify:" + buyer.id);

        // roles and workspaces
        user("viewer-pm", Role.VIEWER, null);
        user("merchant-pm", Role.MERCHANT, "default");
        jdbc.update("insert into workspace (id, name) values ('elsewhere-pm', 'Elsewhere') on conflict do nothing");
        user("stranger-pm", Role.MERCHANT, "elsewhere-pm");
        Map<String, Object> body = Map.of("merge", link.get("id").asLong());
        String unmerge = "/api/profiles/" + profile + "/unmerge";
        assertThat(send("POST", unmerge, body, "viewer-pm", PASSWORD).statusCode()).isEqualTo(403);
        assertThat(send("POST", unmerge, body, "stranger-pm", PASSWORD).statusCode())
                .as("another workspace's profile does not exist for a merchant").isEqualTo(404);
        assertThat(send("GET", "/api/profiles/" + profile + "/merges", null, "stranger-pm", PASSWORD).statusCode()).isEqualTo(404);
        assertThat(send("POST", unmerge, Map.of(), "merchant-pm", PASSWORD).statusCode()).isEqualTo(400);
        assertThat(send("POST", unmerge, Map.of("merge", 987654321), "merchant-pm", PASSWORD).statusCode()).isEqualTo(404);

        HttpAnswer undone = answer(send("POST", unmerge, body, "merchant-pm", PASSWORD));
        assertThat(undone.status()).isEqualTo(200);
        long split = jdbc.queryForObject("select profile_id from identity where external_id = 'cus_Prof1'", Long.class);
        assertThat(split).isNotEqualTo(profile);
        assertThat(undone.json().get("profiles")).extracting(JsonNode::asLong).containsExactlyInAnyOrder(profile, split);
        assertThat(send("POST", unmerge, body, "merchant-pm", PASSWORD).statusCode()).isEqualTo(409);

        // a rebuild is for admins and operators, and reproduces the profiles
        Map<Long, Long> before = profiles();
        assertThat(send("POST", "/api/profiles/rebuild?workspace=default", null, "merchant-pm", PASSWORD).statusCode()).isEqualTo(403);
        call("POST", "/api/profiles/rebuild", null, 400);
        call("POST", "/api/profiles/rebuild?workspace=nowhere", null, 404);
        JsonNode rebuilt = call("POST", "/api/profiles/rebuild?workspace=default", null, 200);
        System.out.printf("rebuild of %d identities: %d ms%n", rebuilt.get("identities").asInt(), rebuilt.get("tookMs").asLong());
        assertThat(profiles()).isEqualTo(before);
        assertThat(rebuilt.get("merges").asInt()).isZero();
        assertThat(rebuilt.get("profiles").asInt()).isEqualTo(new HashSet<>(before.values()).size());

        assertThat(call("GET", "/api/profiles/guarded-keys?workspace=default", null, 200).get("keys").isArray()).isTrue();
        assertThat(answer(send("GET", "/api/profiles/guarded-keys", null, "stranger-pm", PASSWORD)).json().get("keys"))
                .as("a merchant sees its own workspace's keys only").isEmpty();
    }

    private record HttpAnswer(int status, JsonNode json) {
    }

    private static HttpAnswer answer(java.net.http.HttpResponse<String> response) throws Exception {
        return new HttpAnswer(response.statusCode(), JSON.readTree(response.body()));
    }

    private Map<Long, Long> profiles() {
        Map<Long, Long> profiles = new HashMap<>();
        jdbc.query("select id, profile_id from identity where workspace_id = 'default'", rs -> {
            profiles.put(rs.getLong(1), rs.getLong(2));
        });
        return profiles;
    }

    private void user(String name, Role role, String workspace) {
        if (!users.exists(name)) {
            users.create(name, PASSWORD, role, workspace);
        }
    }
}
