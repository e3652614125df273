package io.mekong.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests that once ended in a 500 with the cause in the log: each is now a 4xx whose JSON body names what is
 * wrong, and never carries a stack trace or SQL.
 */
class BadInputTest extends HubIntegrationTest {

    @Test
    void jsonWithoutContentTypeIsRefusedWith415SayingWhatToSend() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/connections"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"connector\":\"shopify\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(body.get("detail").asText()).contains("Content-Type").contains("application/json");
    }

    @Test
    void aConnectionInAWorkspaceThatDoesNotExistIsRefusedNamingIt() throws IOException {
        HttpResponse<String> response = send("POST", "/api/connections", Map.of("id", "bad-ws", "workspace", "nope",
                "connector", "shopify", "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()),
                "secrets", Map.of("accessToken", TOKEN)), "admin", ADMIN_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).isEqualTo("workspace 'nope' does not exist");
    }

    @Test
    void schedulesTooLongTooFrequentOrNeverFiringAreRefusedSayingWhy() throws IOException {
        call("POST", "/api/connections", Map.of("id", "bad-schedules", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", TOKEN)), 201);
        Map<String, String> refusals = Map.of(
                "@every 9999999999999999d", "longer than 366 days",
                "@every 99999999999999999999999s", "longer than 366 days",
                "* * * * * ?", "fires 1s apart; the shortest interval is 10s",
                "0,5 * * * * ?", "fires 5s apart; the shortest interval is 10s",
                "0 0 0 30 2 ?", "never fires");
        for (var refusal : refusals.entrySet()) {
            HttpResponse<String> response = send("POST", "/api/syncs", Map.of("connection", "bad-schedules",
                    "streams", List.of("orders"), "schedule", refusal.getKey()), "admin", ADMIN_PASSWORD);
            assertThat(response.statusCode()).as(refusal.getKey()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("detail").asText()).as(refusal.getKey())
                    .contains(refusal.getKey()).contains(refusal.getValue());
        }
        call("POST", "/api/syncs", Map.of("connection", "bad-schedules", "streams", List.of("orders"),
                "schedule", "0,30 * * * * ?"), 201);
    }

    @Test
    void aNulCharacterIsRefusedBeforeItReachesPostgresNamingWhereItIs() throws IOException {
        HttpResponse<String> connection = send("POST", "/api/connections", "{\"id\":\"nul-conn\",\"connector\":\"shopify\","
                + "\"name\":\"Shop\\u0000\",\"params\":{\"shop\":\"" + SHOP + "\",\"baseUrl\":\"" + shopBaseUrl() + "\"},"
                + "\"secrets\":{\"accessToken\":\"" + TOKEN + "\"}}", "admin", ADMIN_PASSWORD);
        assertThat(connection.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(connection.body()).get("detail").asText()).contains("NUL").contains("/name");

        call("POST", "/api/connections", Map.of("id", "nul-dl", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", TOKEN)), 201);
        Long letter = jdbc.queryForObject("insert into dead_letter (workspace_id, connection_id, entity, reason, payload)"
                + " values ('default', 'nul-dl', 'order', 'test', '{}'::jsonb) returning id", Long.class);
        HttpResponse<String> edit = send("PUT", "/api/dead-letters/" + letter, "{\"note\":{\"text\":[\"a\\u0000b\"]}}",
                "admin", ADMIN_PASSWORD);
        assertThat(edit.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(edit.body()).get("detail").asText()).contains("NUL").contains("/note/text/0");

        HttpResponse<String> query = send("GET", "/api/orders?connection=nul%00dl", null, "admin", ADMIN_PASSWORD);
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(query.body()).get("error").asText()).isNotBlank();
    }

    @Test
    void whatTheContainerRefusesItselfIsAnsweredInJsonToo() throws IOException {
        for (String path : List.of("/api/customers?cursor=" + "9".repeat(10_000), "/api/connections/a%2Fb")) {
            HttpResponse<String> response = send("GET", path, null, "admin", ADMIN_PASSWORD);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            assertThat(JSON.readTree(response.body()).get("error").asText()).as(path).isEqualTo("bad_request");
        }
    }

    @Test
    void aMalformedFormBodyIsNotParsedButRefusedAsNotJson() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/connections/nul-dl"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("name=%zz")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(response.body()).get("detail").asText())
                .contains("'application/x-www-form-urlencoded' is not accepted");
    }
}
