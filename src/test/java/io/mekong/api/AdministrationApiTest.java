package io.mekong.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The administration API: workspaces, users, passwords, API tokens and the audit log, with every rule they keep. */
class AdministrationApiTest extends HubIntegrationTest {

    private static final String PASSWORD = "a long enough password";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAdminCreatesAndRenamesAWorkspaceAndBadInputIsNamed() {
        JsonNode created = call("POST", "/api/workspaces", Map.of("id", "adm-shop-hue", "name", "Huế shop"), 201);
        assertThat(created.get("timeZone").asText()).isEqualTo("Asia/Ho_Chi_Minh");

        JsonNode renamed = call("PUT", "/api/workspaces/adm-shop-hue",
                Map.of("name", "Huế shop 2", "timeZone", "Europe/Paris"), 200);
        assertThat(renamed.get("name").asText()).isEqualTo("Huế shop 2");
        assertThat(call("GET", "/api/workspaces/adm-shop-hue", null, 200).get("timeZone").asText())
                .isEqualTo("Europe/Paris");
        assertThat(ids(call("GET", "/api/workspaces", null, 200), "id")).contains("adm-shop-hue", "default");

        assertThat(detail(call("POST", "/api/workspaces", Map.of("id", "Bad Id", "name", "x"), 400))).contains("id");
        assertThat(detail(call("POST", "/api/workspaces",
                Map.of("id", "adm-zone", "name", "x", "timeZone", "Mars/Olympus"), 400))).contains("timeZone");
        assertThat(detail(call("POST", "/api/workspaces", Map.of("id", "adm-shop-hue", "name", "again"), 409)))
                .contains("already exists");
        assertThat(call("GET", "/api/workspaces/adm-nowhere", null, 404)).isNotNull();
        assertThat(call("DELETE", "/api/workspaces/adm-shop-hue", null, 405)).isNotNull();
    }

    @Test
    void usersAreListedWithoutHashesAndTheirRulesAreKept() {
        workspace("adm-users");
        JsonNode merchant = call("POST", "/api/users", Map.of("username", "adm-merchant", "password", PASSWORD,
                "role", "merchant", "workspace", "adm-users"), 201);
        assertThat(merchant.get("workspace").asText()).isEqualTo("adm-users");
        String listed = send("GET", "/api/users", null, "admin", ADMIN_PASSWORD).body();
        assertThat(listed).contains("adm-merchant").doesNotContain("bcrypt").doesNotContain("password");

        assertThat(detail(call("POST", "/api/users", Map.of("username", "adm-m2", "password", PASSWORD,
                "role", "merchant"), 400))).contains("workspace");
        assertThat(detail(call("POST", "/api/users", Map.of("username", "adm-op", "password", PASSWORD,
                "role", "operator", "workspace", "adm-users"), 400))).contains("workspace");
        assertThat(detail(call("POST", "/api/users", Map.of("username", "adm-short", "password", "too short",
                "role", "viewer"), 400))).contains("at least 12");
        assertThat(detail(call("POST", "/api/users", Map.of("username", "adm-same-as-name", "password",
                "adm-same-as-name", "role", "viewer"), 400))).contains("user name");
        assertThat(detail(call("POST", "/api/users", Map.of("username", "adm-boss", "password", PASSWORD,
                "role", "boss"), 400))).contains("role");
        assertThat(call("POST", "/api/users", Map.of("username", "adm-merchant", "password", PASSWORD,
                "role", "viewer"), 409)).isNotNull();

        // only admins manage users: the merchant is refused even the list
        assertThat(send("GET", "/api/users", null, "adm-merchant", PASSWORD).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/workspaces", Map.of("id", "adm-x", "name", "x"), "adm-merchant", PASSWORD)
                .statusCode()).isEqualTo(403);

        // disabling keeps the row, and the (cached) credential stops working at once
        assertThat(send("GET", "/api/connections", null, "adm-merchant", PASSWORD).statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/api/users/adm-merchant", Map.of("enabled", false), 200).get("enabled").asBoolean())
                .isFalse();
        assertThat(send("GET", "/api/connections", null, "adm-merchant", PASSWORD).statusCode()).isEqualTo(401);
        call("PUT", "/api/users/adm-merchant", Map.of("enabled", true), 200);
        assertThat(send("GET", "/api/connections", null, "adm-merchant", PASSWORD).statusCode()).isEqualTo(200);

        // a new workspace applies to the next request, although the credential was verified a moment ago
        workspace("adm-users-2");
        call("PUT", "/api/users/adm-merchant", Map.of("workspace", "adm-users-2"), 200);
        connection("adm-users-2", "users-2-conn");
        assertThat(send("GET", "/api/connections", null, "adm-merchant", PASSWORD).body()).contains("users-2-conn");

        // deleting ends the credential at once too
        call("DELETE", "/api/users/adm-merchant", null, 204);
        assertThat(send("GET", "/api/connections", null, "adm-merchant", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/users/adm-merchant", null, 404)).isNotNull();
    }

    @Test
    void theLastEnabledAdminCanBeNeitherDemotedNorDisabledNorDeleted() {
        call("POST", "/api/users", Map.of("username", "adm-second-admin", "password", PASSWORD, "role", "admin"), 201);
        // with two admins, one may go
        call("PUT", "/api/users/adm-second-admin", Map.of("role", "operator"), 200);
        call("DELETE", "/api/users/adm-second-admin", null, 204);

        // admins of other test classes (this context is shared) are set aside for the moment
        List<String> others = jdbc.queryForList("select username from app_user where role = 'admin' and enabled"
                + " and username <> 'admin'", String.class);
        others.forEach(name -> jdbc.update("update app_user set enabled = false where username = ?", name));
        try {
            assertThat(detail(call("PUT", "/api/users/admin", Map.of("role", "operator"), 409)))
                    .contains("last enabled admin");
            assertThat(detail(call("PUT", "/api/users/admin", Map.of("enabled", false), 409)))
                    .contains("last enabled admin");
            assertThat(detail(call("DELETE", "/api/users/admin", null, 409))).contains("last enabled admin");
        } finally {
            others.forEach(name -> jdbc.update("update app_user set enabled = true where username = ?", name));
        }
    }

    @Test
    void everyUserChangesTheirOwnPasswordAndTheOldOneStopsAtOnce() {
        call("POST", "/api/users", Map.of("username", "adm-viewer", "password", PASSWORD, "role", "viewer"), 201);
        // the old password is in the verified-credential cache now
        assertThat(send("GET", "/api/connections", null, "adm-viewer", PASSWORD).statusCode()).isEqualTo(200);

        HttpResponse<String> wrongCurrent = send("PUT", "/api/users/me/password",
                Map.of("current", "not my password", "new", "a brand new password"), "adm-viewer", PASSWORD);
        assertThat(wrongCurrent.statusCode()).isEqualTo(400);
        assertThat(wrongCurrent.body()).contains("current");
        HttpResponse<String> weak = send("PUT", "/api/users/me/password",
                Map.of("current", PASSWORD, "new", "short"), "adm-viewer", PASSWORD);
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("at least 12");

        assertThat(send("PUT", "/api/users/me/password", Map.of("current", PASSWORD, "new", "a brand new password"),
                "adm-viewer", PASSWORD).statusCode()).isEqualTo(204);

        assertThat(send("GET", "/api/connections", null, "adm-viewer", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/connections", null, "adm-viewer", "a brand new password").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTokenActsAsItsUserWithTheUsersCurrentWorkspaceUntilRevoked() {
        workspace("adm-tok-a");
        workspace("adm-tok-b");
        connection("adm-tok-a", "tok-conn-a");
        connection("adm-tok-b", "tok-conn-b");
        call("POST", "/api/users", Map.of("username", "adm-tok-user", "password", PASSWORD, "role", "merchant",
                "workspace", "adm-tok-a"), 201);

        HttpResponse<String> createdResponse = send("POST", "/api/tokens", Map.of("name", "nightly export"),
                "adm-tok-user", PASSWORD);
        assertThat(createdResponse.statusCode()).isEqualTo(201);
        JsonNode created = json(createdResponse.body());
        String token = created.get("token").asText();
        assertThat(token).startsWith("mkg_").hasSize(4 + 43);
        assertThat(token).startsWith(created.get("prefix").asText());
        long id = created.get("id").asLong();

        // stored as a hash only, and never listed again
        assertThat(jdbc.queryForObject("select count(*) from api_token where token_hash = sha256(?::bytea)",
                Integer.class, token)).isEqualTo(1);
        String listed = send("GET", "/api/tokens", null, "adm-tok-user", PASSWORD).body();
        assertThat(listed).contains("nightly export").doesNotContain(token);

        HttpResponse<String> asToken = bearer("GET", "/api/connections", token);
        assertThat(asToken.statusCode()).isEqualTo(200);
        assertThat(ids(json(asToken.body()), "id")).containsExactly("tok-conn-a");

        // the user's workspace changes: the token follows at once
        call("PUT", "/api/users/adm-tok-user", Map.of("workspace", "adm-tok-b"), 200);
        assertThat(ids(json(bearer("GET", "/api/connections", token).body()), "id")).containsExactly("tok-conn-b");

        // another user cannot revoke it (nor learn it exists)
        call("POST", "/api/users", Map.of("username", "adm-tok-other", "password", PASSWORD, "role", "viewer"), 201);
        assertThat(send("DELETE", "/api/tokens/" + id, null, "adm-tok-other", PASSWORD).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/tokens", null, "adm-tok-other", PASSWORD).body()).doesNotContain("nightly export");
        // an admin sees everyone's
        assertThat(ids(call("GET", "/api/tokens", null, 200), "name")).contains("nightly export");

        // a disabled user's token is refused, and works again once the user is enabled
        call("PUT", "/api/users/adm-tok-user", Map.of("enabled", false), 200);
        assertRefused(bearer("GET", "/api/connections", token), "user_disabled");
        call("PUT", "/api/users/adm-tok-user", Map.of("enabled", true), 200);
        assertThat(bearer("GET", "/api/connections", token).statusCode()).isEqualTo(200);

        assertThat(send("DELETE", "/api/tokens/" + id, null, "adm-tok-user", PASSWORD).statusCode()).isEqualTo(204);
        assertRefused(bearer("GET", "/api/connections", token), "token_revoked");
        assertThat(json(send("GET", "/api/tokens", null, "adm-tok-user", PASSWORD).body()).get(0).get("revoked")
                .asBoolean()).isTrue();

        assertRefused(bearer("GET", "/api/connections", "mkg_" + "A".repeat(43)), "token_invalid");
    }

    @Test
    void anExpiredTokenIsRefusedAndAPastExpiryIsBadInput() {
        String token = json(send("POST", "/api/tokens", Map.of("name", "short-lived",
                "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()), "admin", ADMIN_PASSWORD).body())
                .get("token").asText();
        assertThat(bearer("GET", "/api/connections", token).statusCode()).isEqualTo(200);

        jdbc.update("update api_token set expires_at = now() - interval '1 second' where token_hash = sha256(?::bytea)",
                token);
        assertRefused(bearer("GET", "/api/connections", token), "token_expired");

        assertThat(detail(call("POST", "/api/tokens", Map.of("name", "past",
                "expiresAt", Instant.now().minusSeconds(60).toString()), 400))).contains("expiresAt");
        assertThat(detail(call("POST", "/api/tokens", Map.of("name", " "), 400))).contains("name");
    }

    /** lastUsedAt is written on the first use, then at most once a minute: a busy script costs no write a request. */
    @Test
    void lastUsedAtIsWrittenAtMostOnceAMinute() {
        JsonNode created = call("POST", "/api/tokens", Map.of("name", "throttled"), 201);
        String token = created.get("token").asText();
        long id = created.get("id").asLong();
        assertThat(lastUsed(id)).isNull();

        assertThat(bearer("GET", "/api/connections", token).statusCode()).isEqualTo(200);
        assertThat(lastUsed(id)).isNotNull();

        Timestamp marker = Timestamp.from(Instant.parse("2020-01-01T00:00:00Z"));
        jdbc.update("update api_token set last_used_at = ? where id = ?", marker, id);
        for (int i = 0; i < 3; i++) {
            assertThat(bearer("GET", "/api/connections", token).statusCode()).isEqualTo(200);
        }
        assertThat(lastUsed(id)).isEqualTo(marker);
    }

    @Test
    void changesAreAuditedWithoutSecretsAndMerchantsReadOnlyTheirWorkspace() {
        workspace("adm-audit-a");
        workspace("adm-audit-b");
        connection("adm-audit-a", "audit-conn-a");
        connection("adm-audit-b", "audit-conn-b");
        call("POST", "/api/users", Map.of("username", "adm-audit-m", "password", PASSWORD, "role", "merchant",
                "workspace", "adm-audit-a"), 201);

        JsonNode events = call("GET", "/api/audit?workspace=adm-audit-a&subjectType=connection", null, 200).get("items");
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("actor").asText()).isEqualTo("admin");
        assertThat(event.get("action").asText()).isEqualTo("created");
        assertThat(event.get("subjectId").asText()).isEqualTo("audit-conn-a");
        assertThat(event.get("detail").get("secretsGiven").toString()).contains("accessToken");
        assertThat(event.toString()).doesNotContain(TOKEN);

        // the merchant reads their own workspace's events only, whatever they ask for
        HttpResponse<String> own = send("GET", "/api/audit", null, "adm-audit-m", PASSWORD);
        assertThat(own.statusCode()).isEqualTo(200);
        List<String> workspaces = StreamSupport.stream(json(own.body()).get("items").spliterator(), false)
                .map(e -> e.get("workspace").asText()).distinct().toList();
        assertThat(workspaces).containsExactly("adm-audit-a");
        assertThat(send("GET", "/api/audit?workspace=adm-audit-b", null, "adm-audit-m", PASSWORD).statusCode())
                .isEqualTo(404);

        // a paused and deleted sync, a user and a token are all in the log
        long sync = call("POST", "/api/syncs", Map.of("connection", "audit-conn-a", "workspace", "adm-audit-a",
                "streams", List.of("orders")), 201).get("id").asLong();
        call("PUT", "/api/syncs/" + sync + "?workspace=adm-audit-a", Map.of("connection", "audit-conn-a",
                "streams", List.of("orders"), "enabled", false), 200);
        call("DELETE", "/api/syncs/" + sync + "?workspace=adm-audit-a", null, 204);
        assertThat(ids(call("GET", "/api/audit?subjectType=sync&subjectId=" + sync, null, 200).get("items"), "action"))
                .containsExactly("deleted", "paused", "created");
        assertThat(ids(call("GET", "/api/audit?subjectType=user&subjectId=adm-audit-m", null, 200).get("items"),
                "action")).containsExactly("created");
    }

    @Test
    void theAuditLogPagesNewestFirstWithACursor() {
        workspace("adm-audit-pages");
        for (int i = 0; i < 55; i++) {
            call("PUT", "/api/workspaces/adm-audit-pages", Map.of("name", "rename " + i), 200);
        }
        JsonNode first = call("GET", "/api/audit?subjectType=workspace&subjectId=adm-audit-pages", null, 200);
        assertThat(first.get("items")).hasSize(50);
        assertThat(first.get("items").get(0).get("detail").get("name").asText()).isEqualTo("rename 54");
        JsonNode second = call("GET", "/api/audit?subjectType=workspace&subjectId=adm-audit-pages&cursor="
                + first.get("nextCursor").asLong(), null, 200);
        assertThat(ids(second.get("items"), "action")).containsExactly("updated", "updated", "updated", "updated",
                "updated", "created");
        assertThat(second.has("nextCursor")).isFalse();
    }

    /** The console's account page is every user's, viewers included, although viewers change nothing else. */
    @Test
    void aViewerManagesTheirOwnAccountInTheConsole() {
        call("POST", "/api/users", Map.of("username", "adm-console-viewer", "password", PASSWORD, "role", "viewer"), 201);

        HttpResponse<String> created = form("/console/account/tokens", "name=from+the+console&lifetimeDays=30",
                "adm-console-viewer");
        assertThat(created.statusCode()).as("shown on the page the form leads to: AccountTokenPageTest").isEqualTo(302);
        assertThat(ids(call("GET", "/api/tokens", null, 200), "name")).contains("from the console");

        HttpResponse<String> weak = form("/console/account/password", "current=x&new=short", "adm-console-viewer");
        assertThat(weak.statusCode()).isEqualTo(200);
        assertThat(weak.body()).contains("This is not your current password.");
        assertThat(form("/console/connections", "name=x", "adm-console-viewer").statusCode()).isEqualTo(403);
        // someone else's token is "not found", on the console's own 404 page
        long adminsToken = call("POST", "/api/tokens", Map.of("name", "not the viewer's"), 201).get("id").asLong();
        HttpResponse<String> foreign = form("/console/account/tokens/" + adminsToken + "/revoke", "", "adm-console-viewer");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("<html");
    }

    private HttpResponse<String> form(String path, String body, String user) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + "?lang=en"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void workspace(String id) {
        call("POST", "/api/workspaces", Map.of("id", id, "name", id), 201);
    }

    private void connection(String workspace, String id) {
        call("POST", "/api/connections", Map.of("id", id, "workspace", workspace, "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                "secrets", Map.of("accessToken", TOKEN)), 201);
    }

    private Timestamp lastUsed(long id) {
        return jdbc.queryForObject("select last_used_at from api_token where id = ?", Timestamp.class, id);
    }

    private HttpResponse<String> bearer(String method, String path, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(HttpResponse<String> response, String error) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response.body()).get("error").asText()).isEqualTo(error);
    }

    private static String detail(JsonNode error) {
        return error.get("detail").asText();
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
