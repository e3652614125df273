package io.mekong.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.sandbox.shopify.LineItem;
import io.mekong.sandbox.shopify.Order;
import io.mekong.testing.HubIntegrationTest;
import io.mekong.testing.PoisonedOrders;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A poison record lands in dead letters; it is seen, replayed, fixed by an edit, replayed again and stored. */
class DeadLetterApiTest extends HubIntegrationTest {

    @Autowired
    AppUsers users;

    @Test
    @SuppressWarnings("unchecked")
    void aDeadLetterIsEditedAndReplayedIntoTheStoreOnceAndOnlyByItsWorkspace() throws Exception {
        call("POST", "/api/connections", Map.of("id", "dl-replay", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                "secrets", Map.of("accessToken", TOKEN)), 201);
        long sync = call("POST", "/api/syncs", Map.of("connection", "dl-replay", "streams", List.of("orders")), 201)
                .get("id").asLong();
        runToEnd(sync);
        Order poisoned = shop().read(() -> shop().orders().iterator().next());
        List<LineItem> original = List.copyOf(poisoned.lineItems);
        try {
            shop().updateOrder(poisoned.id, o -> o.lineItems = PoisonedOrders.tooManyLines(original));
            assertThat(stream(runToEnd(sync), "orders").get("rejected").asInt()).isEqualTo(1);
        } finally {
            shop().updateOrder(poisoned.id, o -> o.lineItems = new ArrayList<>(original)); // the shop is shared
        }
        JsonNode letter = call("GET", "/api/dead-letters?connection=dl-replay&reason=line%20items", null, 200).get("items").get(0);
        long id = letter.get("id").asLong();
        String created = letter.get("createdAt").asText();
        assertThat(call("GET", "/api/dead-letters?connection=dl-replay&from=" + created, null, 200).get("items"))
                .as("created at or after").hasSize(1);
        assertThat(call("GET", "/api/dead-letters?connection=dl-replay&to=" + created, null, 200).get("items"))
                .as("created before").isEmpty();
        assertThat(call("GET", "/api/dead-letters?from=yesterday", null, 400).get("detail").asText()).contains("from");
        assertThat(prometheus()).containsPattern(depth(1));
        assertThat((Map<Object, Object>) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("mekong:type=DeadLetters"), "OpenByConnection"))
                .as("the MBean Hawtio shows").containsEntry("dl-replay", 1);

        // replayed as it is, it fails the same way and stays open
        JsonNode again = call("POST", "/api/dead-letters/" + id + "/replay", null, 200);
        assertThat(again.get("status").asText()).isEqualTo("open");
        assertThat(again.get("reason").asText()).contains("more than 20 line items");
        assertThat(call("GET", "/api/dead-letters/" + id, null, 200).get("attempts").asInt()).isEqualTo(1);

        // an operator trims the payload to the lines that matter and replays it
        ObjectNode fixed = (ObjectNode) letter.get("payload").deepCopy();
        ObjectNode lineItems = (ObjectNode) fixed.get("lineItems");
        ((ObjectNode) lineItems.get("pageInfo")).put("hasNextPage", false);
        ArrayNode nodes = (ArrayNode) lineItems.get("nodes");
        while (nodes.size() > 2) {
            nodes.remove(nodes.size() - 1);
        }
        assertThat(call("PUT", "/api/dead-letters/" + id, fixed, 200).at("/payload/lineItems/nodes").size()).isEqualTo(2);
        jdbc.update("insert into workspace (id, name) values ('elsewhere-dl', 'Elsewhere') on conflict do nothing");
        if (!users.exists("merchant-dl")) {
            users.create("merchant-dl", "merchant-pass", Role.MERCHANT, "elsewhere-dl");
        }
        assertThat(send("POST", "/api/dead-letters/" + id + "/replay", null, "merchant-dl", "merchant-pass").statusCode())
                .as("another workspace's dead letter does not exist for a merchant").isEqualTo(404);

        assertThat(call("POST", "/api/dead-letters/" + id + "/replay", null, 200).get("status").asText()).isEqualTo("replayed");
        JsonNode stored = call("GET", "/api/orders/dl-replay/" + poisoned.id, null, 200);
        assertThat(stored.get("lines")).hasSize(2);
        assertThat(call("GET", "/api/dead-letters/" + id, null, 200).get("status").asText()).isEqualTo("replayed");
        call("POST", "/api/dead-letters/" + id + "/replay", null, 409);
        call("PUT", "/api/dead-letters/" + id, fixed, 409);
        JsonNode bulk = call("POST", "/api/dead-letters/replay?connection=dl-replay", null, 200);
        assertThat(bulk.get("replayed").asInt() + bulk.get("stillOpen").asInt()).isZero();
        assertThat(prometheus()).containsPattern(depth(0));
    }

    @Test
    void aBulkReplayStoresWhatMapsNowAndKeepsTheRestOpenWithTheirReasons() {
        call("POST", "/api/connections", Map.of("id", "dl-bulk", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                "secrets", Map.of("accessToken", TOKEN)), 201);
        long sync = call("POST", "/api/syncs", Map.of("connection", "dl-bulk", "streams", List.of("orders")), 201)
                .get("id").asLong();
        runToEnd(sync);
        List<Order> poisoned = shop().read(() -> shop().orders().stream().skip(5).limit(2).toList());
        List<List<LineItem>> originals = poisoned.stream().map(o -> List.copyOf(o.lineItems)).toList();
        try {
            poisoned.forEach(order -> shop().updateOrder(order.id, o -> o.lineItems = PoisonedOrders.tooManyLines(o.lineItems)));
            assertThat(stream(runToEnd(sync), "orders").get("rejected").asInt()).isEqualTo(2);
        } finally {
            for (int i = 0; i < poisoned.size(); i++) {
                List<LineItem> lines = originals.get(i);
                shop().updateOrder(poisoned.get(i).id, o -> o.lineItems = new ArrayList<>(lines)); // the shop is shared
            }
        }

        JsonNode unchanged = call("POST", "/api/dead-letters/replay?connection=dl-bulk", null, 200);
        assertThat(unchanged.get("replayed").asInt()).isZero();
        assertThat(unchanged.get("stillOpen").asInt()).isEqualTo(2);
        assertThat(unchanged.get("outcomes").findValuesAsText("reason")).allMatch(r -> r.contains("more than 20 line items"));

        JsonNode letter = call("GET", "/api/dead-letters?connection=dl-bulk", null, 200).get("items").get(0);
        ObjectNode fixed = (ObjectNode) letter.get("payload").deepCopy();
        ((ObjectNode) fixed.at("/lineItems/pageInfo")).put("hasNextPage", false);
        ArrayNode nodes = (ArrayNode) fixed.at("/lineItems/nodes");
        while (nodes.size() > 1) {
            nodes.remove(nodes.size() - 1);
        }
        call("PUT", "/api/dead-letters/" + letter.get("id").asLong(), fixed, 200);

        JsonNode bulk = call("POST", "/api/dead-letters/replay?connection=dl-bulk", null, 200);
        assertThat(bulk.get("replayed").asInt()).isEqualTo(1);
        assertThat(bulk.get("stillOpen").asInt()).isEqualTo(1);
        assertThat(bulk.get("more").asBoolean()).isFalse();
        assertThat(call("GET", "/api/dead-letters/" + letter.get("id").asLong(), null, 200).get("status").asText())
                .isEqualTo("replayed");
        assertThat(call("GET", "/api/orders/dl-bulk/" + letter.get("externalId").asText(), null, 200).get("lines")).hasSize(1);
        assertThat(jdbc.queryForList("select attempts from dead_letter where connection_id = 'dl-bulk' order by id",
                Integer.class)).as("each replay counted once per letter").containsExactly(2, 2);
    }

    private static String depth(int open) {
        return "mekong_dead_letters_open\\{[^}]*connection=\"dl-replay\"[^}]*\\} " + open + "\\.0";
    }

    private String prometheus() {
        return send("GET", "/actuator/prometheus", null, "admin", ADMIN_PASSWORD).body();
    }
}
