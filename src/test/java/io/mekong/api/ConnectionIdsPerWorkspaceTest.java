package io.mekong.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.sandbox.shopify.LineItem;
import io.mekong.sandbox.shopify.Order;
import io.mekong.sync.SyncScheduler;
import io.mekong.testing.HubIntegrationTest;
import io.mekong.testing.PoisonedOrders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Connection ids are the merchant's own: two workspaces may each have a connection "shop", each sees and changes only
 * its own on every endpoint, and nothing a merchant is shown depends on whether another workspace uses an id.
 */
class ConnectionIdsPerWorkspaceTest extends HubIntegrationTest {

    private static final String PASSWORD = "merchant-pass";
    private static final String A = "ids-a";
    private static final String B = "ids-b";

    @Autowired
    AppUsers users;
    @Autowired
    SyncScheduler schedules;

    @BeforeEach
    void merchantsOfTwoWorkspaces() {
        for (String merchant : List.of(A, B)) {
            jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", merchant, merchant);
            if (!users.exists(merchant)) {
                users.create(merchant, PASSWORD, Role.MERCHANT, merchant);
            }
        }
    }

    @Test
    void twoWorkspacesEachHaveTheirOwnShopOnEveryEndpoint() {
        for (String merchant : List.of(A, B)) {
            JsonNode created = as(merchant, "POST", "/api/connections", shopify("shop", TOKEN), 201);
            assertThat(created.get("id").asText()).isEqualTo("shop");
            assertThat(created.get("workspace").asText()).isEqualTo(merchant);
        }
        String globalA = globalId(A, "shop");
        String globalB = globalId(B, "shop");
        assertThat(globalA).isNotEqualTo(globalB);

        Map<String, Long> syncs = new java.util.HashMap<>();
        for (String merchant : List.of(A, B)) {
            as(merchant, "PUT", "/api/connections/shop", Map.of("name", "Shop of " + merchant,
                    "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND")), 200);
            JsonNode sync = as(merchant, "POST", "/api/syncs", Map.of("connection", "shop",
                    "streams", List.of("customers", "orders"), "schedule", "@every 1h"), 201);
            assertThat(sync.get("connection").asText()).isEqualTo("shop");
            assertThat(sync.get("workspace").asText()).isEqualTo(merchant);
            syncs.put(merchant, sync.get("id").asLong());
        }
        Map<String, Long> runs = new java.util.HashMap<>();
        Order poisoned = shop().read(() -> shop().orders().stream().skip(9).findFirst().orElseThrow());
        List<LineItem> original = List.copyOf(poisoned.lineItems);
        try {
            shop().updateOrder(poisoned.id, o -> o.lineItems = PoisonedOrders.tooManyLines(original));
            for (String merchant : List.of(A, B)) {
                long runId = as(merchant, "POST", "/api/syncs/" + syncs.get(merchant) + "/run", null, 202).get("runId").asLong();
                assertThat(stream(awaitRun(runId), "orders").get("rejected").asInt()).isEqualTo(1);
                runs.put(merchant, runId);
            }
        } finally {
            shop().updateOrder(poisoned.id, o -> o.lineItems = new ArrayList<>(original)); // the shop is shared
        }

        String order = as(A, "GET", "/api/orders?connection=shop&limit=1", null, 200).at("/items/0/externalId").asText();
        String customer = as(A, "GET", "/api/customers?connection=shop&limit=1", null, 200).at("/items/0/externalId").asText();
        for (String merchant : List.of(A, B)) {
            String other = merchant.equals(A) ? B : A;
            JsonNode connection = as(merchant, "GET", "/api/connections/shop", null, 200);
            assertThat(connection.get("name").asText()).isEqualTo("Shop of " + merchant);
            assertThat(as(merchant, "GET", "/api/connections", null, 200).findValuesAsText("id"))
                    .filteredOn("shop"::equals).hasSize(1);
            assertThat(as(merchant, "POST", "/api/connections/shop/test", null, 200).get("ok").asBoolean()).isTrue();

            assertThat(as(merchant, "GET", "/api/syncs", null, 200).findValuesAsText("id"))
                    .contains(String.valueOf(syncs.get(merchant))).doesNotContain(String.valueOf(syncs.get(other)));
            as(merchant, "GET", "/api/syncs/" + syncs.get(other), null, 404);
            JsonNode run = as(merchant, "GET", "/api/runs/" + runs.get(merchant), null, 200);
            assertThat(run.get("connectionId").asText()).isEqualTo("shop");
            assertThat(run.get("workspaceId").asText()).isEqualTo(merchant);
            assertThat(as(merchant, "GET", "/api/syncs/" + syncs.get(merchant) + "/runs", null, 200)
                    .findValuesAsText("connectionId")).containsOnly("shop");
            as(merchant, "GET", "/api/runs/" + runs.get(other), null, 404);

            JsonNode stored = as(merchant, "GET", "/api/orders/shop/" + order, null, 200);
            assertThat(stored.get("connection").asText()).isEqualTo("shop");
            assertThat(stored.get("workspace").asText()).isEqualTo(merchant);
            JsonNode orders = as(merchant, "GET", "/api/orders?connection=shop", null, 200).get("items");
            assertThat(orders.findValuesAsText("workspace")).hasSize(50).containsOnly(merchant);
            assertThat(orders.findValuesAsText("connection")).containsOnly("shop");
            JsonNode stranger = as(merchant, "GET", "/api/customers/shop/" + customer, null, 200);
            assertThat(stranger.get("connection").asText()).isEqualTo("shop");
            assertThat(stranger.get("workspace").asText()).isEqualTo(merchant);
            assertThat(as(merchant, "GET", "/api/customers?connection=shop", null, 200).get("items")
                    .findValuesAsText("workspace")).containsOnly(merchant);

            JsonNode letters = as(merchant, "GET", "/api/dead-letters?connection=shop", null, 200).get("items");
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).get("connection").asText()).isEqualTo("shop");
            assertThat(letters.get(0).get("workspace").asText()).isEqualTo(merchant);
            long letter = letters.get(0).get("id").asLong();
            assertThat(as(merchant, "GET", "/api/dead-letters/" + letter, null, 200).get("connection").asText()).isEqualTo("shop");
            long othersLetter = jdbc.queryForObject("select id from dead_letter where workspace_id = ?", Long.class, other);
            as(merchant, "GET", "/api/dead-letters/" + othersLetter, null, 404);
        }
        JsonNode replayed = as(B, "POST", "/api/dead-letters/replay?connection=shop", null, 200);
        assertThat(replayed.get("outcomes").findValuesAsText("id"))
                .containsExactly(String.valueOf(jdbc.queryForObject("select id from dead_letter where workspace_id = ?",
                        Long.class, B)));

        assertThat(schedules.nextFire(syncs.get(A))).as("A's schedule").isNotNull();
        as(A, "DELETE", "/api/connections/shop", null, 204);

        as(A, "GET", "/api/connections/shop", null, 404);
        as(A, "GET", "/api/orders/shop/" + order, null, 404);
        assertThat(jdbc.queryForObject("select count(*) from sales_order where connection_id = ?", Integer.class, globalA))
                .isZero();
        assertThat(as(B, "GET", "/api/connections/shop", null, 200).get("workspace").asText()).isEqualTo(B);
        as(B, "GET", "/api/orders/shop/" + order, null, 200);
        as(B, "GET", "/api/syncs/" + syncs.get(B), null, 200);
        assertThat(as(B, "GET", "/api/dead-letters?connection=shop", null, 200).get("items")).hasSize(1);
        assertThat(schedules.nextFire(syncs.get(A))).as("A's schedule").isNull();
        assertThat(schedules.nextFire(syncs.get(B))).as("B's schedule").isNotNull();
    }

    @Test
    void adminsNameTheWorkspaceWhenAnIdIsUsedInSeveral() {
        as(A, "POST", "/api/connections", shopify("twin", TOKEN), 201);
        as(B, "POST", "/api/connections", shopify("twin", TOKEN), 201);

        HttpResponse<String> ambiguous = send("GET", "/api/connections/twin", null, "admin", ADMIN_PASSWORD);
        assertThat(ambiguous.statusCode()).isEqualTo(409);
        assertThat(ambiguous.body()).contains(A).contains(B).contains("?workspace=");
        assertThat(call("GET", "/api/connections/twin?workspace=" + B, null, 200).get("workspace").asText()).isEqualTo(B);
        assertThat(call("GET", "/api/connections?workspace=" + A, null, 200).findValuesAsText("workspace")).containsOnly(A);
        assertThat(call("GET", "/api/syncs?workspace=" + A, null, 200).findValuesAsText("workspace")).doesNotContain(B);
        assertThat(call("GET", "/api/connections", null, 200).findValues("id").stream()
                .filter(id -> id.asText().equals("twin")).count()).as("admins see both").isEqualTo(2);

        call("POST", "/api/syncs", Map.of("connection", "twin", "streams", List.of("orders")), 409);
        JsonNode sync = call("POST", "/api/syncs", Map.of("connection", "twin", "workspace", B,
                "streams", List.of("orders")), 201);
        assertThat(sync.get("workspace").asText()).isEqualTo(B);
        assertThat(sync.get("connection").asText()).isEqualTo("twin");
        call("PUT", "/api/syncs/" + sync.get("id").asLong(), Map.of("connection", "twin", "streams", List.of("products")), 200);
        call("GET", "/api/orders?connection=twin", null, 409);
        call("GET", "/api/orders?connection=twin&workspace=" + A, null, 200);

        // a merchant never names another workspace: it is a 404, whether or not the workspace or the id exist there
        as(B, "GET", "/api/connections/twin?workspace=" + A, null, 404);
        as(B, "GET", "/api/connections?workspace=" + A, null, 404);
        as(B, "GET", "/api/orders?connection=twin&workspace=" + A, null, 404);
        assertThat(as(B, "GET", "/api/connections/twin?workspace=" + B, null, 200).get("workspace").asText()).isEqualTo(B);

        call("DELETE", "/api/connections/twin?workspace=" + A, null, 204);
        as(A, "GET", "/api/connections/twin", null, 404);
        as(B, "GET", "/api/connections/twin", null, 200);
        assertThat(call("GET", "/api/connections/twin", null, 200).get("workspace").asText())
                .as("no longer ambiguous").isEqualTo(B);
    }

    @Test
    void aMerchantLearnsNothingOfIdsOtherWorkspacesUse() {
        as(A, "POST", "/api/connections", shopify("taken-elsewhere", "shpat_of_a"), 201);

        // B creates, reads, tests and lists an id A uses and one nobody uses: the answers differ only by the id
        JsonNode taken = as(B, "POST", "/api/connections", shopify("taken-elsewhere", "shpat_nope"), 201);
        JsonNode free = as(B, "POST", "/api/connections", shopify("free-everywhere", "shpat_nope"), 201);
        assertThat(comparable(taken, "taken-elsewhere")).isEqualTo(comparable(free, "free-everywhere"));
        assertThat(comparable(as(B, "GET", "/api/connections/taken-elsewhere", null, 200), "taken-elsewhere"))
                .isEqualTo(comparable(as(B, "GET", "/api/connections/free-everywhere", null, 200), "free-everywhere"));
        JsonNode testedTaken = as(B, "POST", "/api/connections/taken-elsewhere/test", null, 200);
        assertThat(testedTaken.get("ok").asBoolean()).isFalse();
        assertThat(testedTaken.toString().replace("taken-elsewhere", "ID")).isEqualTo(
                as(B, "POST", "/api/connections/free-everywhere/test", null, 200).toString()
                        .replace("free-everywhere", "ID"));
        assertThat(as(B, "GET", "/api/connections", null, 200).findValuesAsText("id"))
                .containsSubsequence("free-everywhere", "taken-elsewhere");

        // within its own workspace an id is still unique
        HttpResponse<String> again = send("POST", "/api/connections", shopify("taken-elsewhere", TOKEN), B, PASSWORD);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("'taken-elsewhere' already exists in this workspace");
        assertThat(as(A, "GET", "/api/connections/taken-elsewhere", null, 200).get("workspace").asText()).isEqualTo(A);
    }

    private Map<String, Object> shopify(String id, String token) {
        return Map.of("id", id, "connector", "shopify", "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()),
                "secrets", Map.of("accessToken", token));
    }

    /** A connection as shown, without what differs between any two connections: its id and its times. */
    private static String comparable(JsonNode connection, String id) {
        ObjectNode copy = connection.deepCopy();
        copy.remove(List.of("createdAt", "updatedAt"));
        return copy.toString().replace(id, "ID");
    }

    private String globalId(String workspace, String apiId) {
        return jdbc.queryForObject("select id from connection where workspace_id = ? and api_id = ?", String.class,
                workspace, apiId);
    }

    /** An API call as the merchant of the workspace of the same name; asserts the status, returns the JSON body. */
    private JsonNode as(String merchant, String method, String path, Object body, int expectedStatus) {
        HttpResponse<String> response = send(method, path, body, merchant, PASSWORD);
        assertThat(response.statusCode()).as("%s %s %s -> %s", merchant, method, path, response.body())
                .isEqualTo(expectedStatus);
        try {
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
