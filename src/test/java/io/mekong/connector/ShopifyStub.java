package io.mekong.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.StubServer.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted GraphQL peer for engine tests (not a simulator): serves fixed pages of orders keyed by the
 * {@code after} variable and checks the access token.
 */
final class ShopifyStub {

    static final String TOKEN = "shpat_test_token";
    static final ObjectMapper JSON = new ObjectMapper();

    static ConnectorRegistry registry() {
        return ConnectorRegistry.load(Path.of("connectors"));
    }

    static ConnectionContext connection(StubServer server) {
        return new ConnectionContext("c1", "w1", "shopify",
                Map.of("shop", "demo.myshopify.com", "baseUrl", server.baseUrl()), Map.of("accessToken", TOKEN));
    }

    static ObjectNode order(String id, String updatedAt) {
        return JSON.createObjectNode().put("id", "gid://shopify/Order/" + id).put("name", "#" + id).put("updatedAt", updatedAt);
    }

    /** {"data":{"orders":{"pageInfo":..,"nodes":[..]}},"extensions":{"cost":..}} */
    static String ordersPage(List<ObjectNode> nodes, String endCursor) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode orders = body.putObject("data").putObject("orders");
        orders.putObject("pageInfo").put("hasNextPage", endCursor != null).put("endCursor", endCursor);
        ArrayNode array = orders.putArray("nodes");
        nodes.forEach(array::add);
        body.putObject("extensions").putObject("cost").put("requestedQueryCost", 52).put("actualQueryCost", 10)
                .putObject("throttleStatus").put("maximumAvailable", 2000.0).put("currentlyAvailable", 1990.0).put("restoreRate", 100.0);
        return body.toString();
    }

    /** Answers with {@code pages.get(after)} (null key = first page); 401 without the right token. */
    static StubServer serving(Map<String, String> pages) throws IOException {
        Map<String, String> byAfter = new HashMap<>(pages); // Map.of rejects the null key of the first page
        return StubServer.answering(request -> {
            if (!TOKEN.equals(request.header("X-Shopify-Access-Token"))) {
                return Response.json(401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
            }
            JsonNode after = request.json().path("variables").path("after");
            String page = byAfter.get(after.isTextual() ? after.asText() : null);
            return page == null ? Response.json(200, "{\"data\":{\"shop\":{\"name\":\"Demo\",\"currencyCode\":\"USD\"}}}") : Response.json(200, page);
        });
    }

    private ShopifyStub() {
    }
}
