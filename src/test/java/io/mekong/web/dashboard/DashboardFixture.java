package io.mekong.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.sandbox.shopify.Order;
import io.mekong.testing.HubIntegrationTest;
import io.mekong.webhook.SignedDeliveries;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

/**
 * Two workspaces as the console's dashboard, destination and erasure tests see them, set up once for the shared
 * context: in each, the test shop synced (its orders moved into the last 30 days: the simulator's seeded orders all
 * lie before 2025-09-30), signed webhooks received, a webhook destination receiving orders and erasures, and one
 * person erased; and a merchant user of the first workspace.
 */
abstract class DashboardFixture extends HubIntegrationTest {

    static final String WS_A = "dash-a";
    static final String WS_B = "dash-b";
    static final String SHOP_A = "dash-shop-a";
    static final String SHOP_B = "dash-shop-b";
    static final String DESTINATION_A = "dash-hook-a";
    static final String DESTINATION_B = "dash-hook-b";
    static final String MERCHANT_A = "dash-merchant-a";
    static final String MERCHANT_PASSWORD = "dash-merchant-password";
    static final int WEBHOOKS = 3;
    private static final String WEBHOOK_SECRET = "shpss_dash_secret";
    /** Shop orders moved into the last 30 days, spread unevenly over them. */
    static final int RECENT_ORDERS = 40;

    private static boolean prepared;
    static long erasureA;
    static long erasureB;

    @Autowired
    AppUsers users;
    @Autowired
    HookReceivers hooks;

    /** Sets the two workspaces up once per context, the first test that needs them paying for it. */
    void prepare() throws Exception {
        synchronized (DashboardFixture.class) {
            if (prepared) {
                return;
            }
            erasureA = workspace(WS_A, SHOP_A, DESTINATION_A, "evt-dash-a-");
            erasureB = workspace(WS_B, SHOP_B, DESTINATION_B, "evt-dash-b-");
            users.create(MERCHANT_A, MERCHANT_PASSWORD, Role.MERCHANT, WS_A);
            prepared = true;
        }
    }

    private long workspace(String workspace, String shop, String destination, String eventPrefix) throws Exception {
        jdbc.update("insert into workspace (id, name) values (?, ?)", workspace, workspace);
        call("POST", "/api/connections", Map.of("id", shop, "workspace", workspace, "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                "secrets", Map.of("accessToken", TOKEN, "webhookSecret", WEBHOOK_SECRET)), 201);
        long sync = call("POST", "/api/syncs", Map.of("connection", shop, "workspace", workspace,
                "streams", List.of("customers", "orders", "products")), 201).get("id").asLong();
        assertThat(runToEnd(sync).get("status").asText()).isEqualTo("succeeded");
        SignedDeliveries deliveries = new SignedDeliveries(port);
        for (Order order : shop().read(() -> shop().orders().stream().limit(WEBHOOKS).toList())) {
            HttpResponse<String> sent = deliveries.shopify(shop, WEBHOOK_SECRET, "orders/updated", eventPrefix + order.id,
                    "{\"id\":" + order.id + ",\"admin_graphql_api_id\":\"gid://shopify/Order/" + order.id + "\"}", null);
            assertThat(sent.statusCode()).isEqualTo(200);
        }
        // processed here, so that no other test's processWebhooks() finds them pending
        processWebhooks();
        jdbc.update("""
                update sales_order o set placed_at = now() - (n.i * n.i % 30) * interval '1 day' - interval '1 minute'
                from (select id, row_number() over (order by id) i from sales_order where workspace_id = ?) n
                where o.id = n.id and n.i <= ?""", workspace, RECENT_ORDERS);
        call("POST", "/api/connections", Map.of("id", destination + "-connection", "workspace", workspace,
                "connector", "webhook", "params", Map.of("url", "http://localhost:" + port + "/sandbox/hooks/merchant"),
                "secrets", Map.of("signingSecret", hooks.receiver("merchant").secret())), 201);
        call("POST", "/api/destinations", Map.of("id", destination, "workspace", workspace,
                "connection", destination + "-connection", "deliver", List.of("orders", "erasures")), 201);
        long profile = jdbc.queryForObject("select min(id) from profile where workspace_id = ?", Long.class, workspace);
        JsonNode erased = call("DELETE", "/api/profiles/" + profile + "?workspace=" + workspace, null, 202);
        return erased.get("erasure").asLong();
    }

    /** A console page as {@code user} (HTTP Basic), with its status. */
    HttpResponse<String> page(String path, String user, String password) {
        return send("GET", path, null, user, password);
    }

    String adminPage(String path) {
        HttpResponse<String> response = page(path, "admin", ADMIN_PASSWORD);
        assertThat(response.statusCode()).as("GET %s -> %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    /** The value of {@code attribute} on the first element of {@code html} that carries {@code marker} (an attribute). */
    static String attribute(String html, String marker, String attribute) {
        Matcher tag = Pattern.compile("<[^>]*" + Pattern.quote(marker) + "[^>]*>").matcher(html);
        assertThat(tag.find()).as("an element with %s", marker).isTrue();
        Matcher value = Pattern.compile("\\s" + Pattern.quote(attribute) + "=\"([^\"]*)\"").matcher(tag.group());
        assertThat(value.find()).as("%s on %s", attribute, tag.group()).isTrue();
        return HtmlUtils.htmlUnescape(value.group(1));
    }

    static long figure(String html, String name) {
        return Long.parseLong(attribute(html, "data-figure=\"" + name + "\"", "data-value"));
    }

    static JsonNode chart(String html, String name) throws Exception {
        return JSON.readTree(attribute(html, "data-figure=\"" + name + "\"", "data-chart"));
    }
}
