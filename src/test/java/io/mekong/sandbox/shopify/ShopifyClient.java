package io.mekong.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.SimulatorResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls a simulated shop in-process, the way the connector does over HTTP. */
record ShopifyClient(HttpSimulator simulator, String domain, String token) {

    static final ObjectMapper JSON = new ObjectMapper();

    SimulatorResponse post(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        try {
            return simulator.handle("POST", "/" + domain + "/admin/api/2025-10/graphql.json",
                    Map.of("X-Shopify-Access-Token", token, "Content-Type", "application/json"),
                    JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One connection page, as the connector asks for it; fails the test on GraphQL errors. */
    JsonNode page(String query, int first, String after, String filter) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", first);
        variables.put("after", after);
        variables.put("query", filter);
        JsonNode body = query(query, variables);
        assertThat(body.has("errors")).as("errors: %s", body.get("errors")).isFalse();
        return body;
    }

    JsonNode query(String query, Map<String, Object> variables) {
        SimulatorResponse response = post(query, variables);
        try {
            return JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
