package io.mekong.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.sync.SyncScheduler;
import io.mekong.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The REST contract of DESIGN §5 for connections, syncs and runs: shapes, errors, secrets, workspaces. */
class ApiTest extends HubIntegrationTest {

    private static final String MERCHANT_PASSWORD = "merchant-pass";

    @Autowired
    AppUsers users;

    @Autowired
    SyncScheduler schedules;

    @BeforeEach
    void merchantOfAnotherWorkspace() {
        jdbc.update("insert into workspace (id, name) values ('shop-b', 'Shop B') on conflict do nothing");
        if (!users.exists("merchant-b")) {
            users.create("merchant-b", MERCHANT_PASSWORD, Role.MERCHANT, "shop-b");
        }
    }

    @Test
    void secretsAreWriteOnlyAndEncryptedAtRest() {
        JsonNode created = call("POST", "/api/connections", Map.of("id", "api-secret", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", TOKEN)), 201);

        assertThat(created.get("secrets").toString()).isEqualTo("{\"accessToken\":\"********\"}");
        assertThat(call("GET", "/api/connections/api-secret", null, 200).toString()).doesNotContain(TOKEN);
        assertThat(call("GET", "/api/connections", null, 200).toString()).doesNotContain(TOKEN);
        byte[] stored = jdbc.queryForObject("select secrets from connection where id = 'api-secret'", byte[].class);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
        assertThat(created.at("/params/defaultRegion").asText()).isEqualTo("VN"); // the spec's default is filled in

        JsonNode renamed = call("PUT", "/api/connections/api-secret", Map.of("name", "Renamed",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND")), 200);
        assertThat(renamed.get("name").asText()).isEqualTo("Renamed");
        assertThat(call("POST", "/api/connections/api-secret/test", null, 200).get("ok").asBoolean())
                .as("the secret kept across an update without secrets still works").isTrue();
    }

    @Test
    void invalidConnectionsAreRefusedNamingWhatIsWrong() {
        HttpResponse<String> missing = send("POST", "/api/connections", Map.of("connector", "shopify",
                "params", Map.of("shop", "not a domain")), "admin", ADMIN_PASSWORD);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("accessToken").contains("shop");

        HttpResponse<String> unknown = send("POST", "/api/connections", Map.of("connector", "nosuch"), "admin", ADMIN_PASSWORD);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown connector 'nosuch'").contains("shopify");

        HttpResponse<String> malformed = send("POST", "/api/connections", "{\"connector\": ", "admin", ADMIN_PASSWORD);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"error\":\"malformed_json\"");

        assertThat(send("GET", "/api/connections/nope", null, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void connectionTestReportsWhatFailed() {
        call("POST", "/api/connections", Map.of("id", "api-bad-token", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", "shpat_nope")), 201);

        JsonNode result = call("POST", "/api/connections/api-bad-token/test", null, 200);

        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("message").asText()).contains("401");
    }

    @Test
    void syncsValidateStreamsAndSchedulesAndRefuseASecondConcurrentRun() {
        call("POST", "/api/connections", Map.of("id", "api-sync", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                "secrets", Map.of("accessToken", TOKEN)), 201);

        HttpResponse<String> badStream = send("POST", "/api/syncs", Map.of("connection", "api-sync",
                "streams", List.of("refunds")), "admin", ADMIN_PASSWORD);
        assertThat(badStream.statusCode()).isEqualTo(400);
        assertThat(badStream.body()).contains("refunds").contains("customers");

        HttpResponse<String> badSchedule = send("POST", "/api/syncs", Map.of("connection", "api-sync",
                "streams", List.of("orders"), "schedule", "every tuesday"), "admin", ADMIN_PASSWORD);
        assertThat(badSchedule.statusCode()).isEqualTo(400);
        assertThat(badSchedule.body()).contains("every tuesday");

        JsonNode sync = call("POST", "/api/syncs", Map.of("connection", "api-sync", "streams", List.of("orders"),
                "schedule", "*/15 * * * *"), 201);
        assertThat(sync.get("nextRunAt").isNull()).isFalse();
        long id = sync.get("id").asLong();
        long runId = call("POST", "/api/syncs/" + id + "/run", null, 202).get("runId").asLong();
        HttpResponse<String> second = send("POST", "/api/syncs/" + id + "/run", null, "admin", ADMIN_PASSWORD);
        if (second.statusCode() == 409) {
            assertThat(second.body()).contains("already has run " + runId);
        } else {
            // the first run finished before the second request arrived: then it is simply a new run
            assertThat(second.statusCode()).isEqualTo(202);
        }
        JsonNode runs = call("GET", "/api/syncs/" + id + "/runs", null, 200);
        assertThat(runs.get(runs.size() - 1).get("id").asLong()).isEqualTo(runId);
    }

    @Test
    void merchantsSeeOnlyTheirWorkspace() {
        call("POST", "/api/connections", Map.of("id", "api-admins", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", TOKEN)), 201);

        HttpResponse<String> list = send("GET", "/api/connections", null, "merchant-b", MERCHANT_PASSWORD);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("api-admins");
        assertThat(send("GET", "/api/connections/api-admins", null, "merchant-b", MERCHANT_PASSWORD).statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/orders?connection=api-admins", null, "merchant-b", MERCHANT_PASSWORD).statusCode())
                .isEqualTo(404);

        HttpResponse<String> own = send("POST", "/api/connections", Map.of("id", "api-merchant-b", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", TOKEN)),
                "merchant-b", MERCHANT_PASSWORD);
        assertThat(own.statusCode()).isEqualTo(201);
        assertThat(own.body()).contains("\"workspace\":\"shop-b\"");
    }

    @Test
    void deletingAConnectionRemovesItsSyncsAndTheirSchedules() {
        call("POST", "/api/connections", Map.of("id", "api-delete", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", TOKEN)), 201);
        long id = call("POST", "/api/syncs", Map.of("connection", "api-delete", "streams", List.of("products"),
                "schedule", "@every 1h"), 201).get("id").asLong();

        // asked of the scheduler, not its tables: other test contexts in this JVM share Quartz's scheduler by name
        assertThat(schedules.nextFire(id)).as("the sync's schedule before the deletion").isNotNull();

        call("DELETE", "/api/connections/api-delete", null, 204);

        assertThat(send("GET", "/api/connections/api-delete", null, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/syncs/" + id, null, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(404);
        assertThat(schedules.nextFire(id)).as("the sync's schedule after the deletion").isNull();
    }

    @Test
    void listingsRefuseCursorsAndLimitsTheyDidNotHandOut() {
        for (String path : List.of("/api/orders?cursor=abc", "/api/customers?limit=0", "/api/dead-letters?limit=501")) {
            HttpResponse<String> response = send("GET", path, null, "admin", ADMIN_PASSWORD);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).containsAnyOf("cursor 'abc'", "limit must be between 1 and 500");
        }
    }

    @Test
    void anonymousCallsAreRefused() {
        HttpResponse<String> anonymous = send("GET", "/api/orders", null, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\"");
    }
}
