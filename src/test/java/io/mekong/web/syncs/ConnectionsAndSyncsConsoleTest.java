package io.mekong.web.syncs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.spec.ConnectorSpec;
import io.mekong.connector.spec.ParamSpec;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The connections and sync pages over plain HTTP: every connector's form is generated from its schema, no secret ever
 * reaches the HTML, mistakes are named next to their field in the reader's language, and a merchant reaches nothing of
 * another workspace (404, as if it did not exist), reading or writing.
 */
class ConnectionsAndSyncsConsoleTest extends HubIntegrationTest {

    private static final String PASSWORD = "console-sync-password";
    private static final String OWN = "sync-ws-a";
    private static final String OTHER = "sync-ws-b";
    private static final String WEBHOOK_SECRET = "whsec-never-shown-4711";

    @Autowired
    AppUsers users;
    @Autowired
    ConnectorRegistry connectors;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void merchants() {
        for (String workspace : List.of(OWN, OTHER)) {
            jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", workspace, workspace);
            if (!users.exists("merchant-" + workspace)) {
                users.create("merchant-" + workspace, PASSWORD, Role.MERCHANT, workspace);
            }
        }
        if (!users.exists("sync-admin")) {
            users.create("sync-admin", PASSWORD, Role.ADMIN, null);
        }
    }

    @Test
    void everyConnectorsFormIsGeneratedFromItsSchema() {
        for (String name : connectors.names()) {
            ConnectorSpec spec = connectors.get(name);
            Document page = page("sync-admin", "/console/connections/new?connector=" + name, 200);
            spec.connection().properties().forEach((param, p) -> {
                Element input = page.selectFirst("[name=" + (p.secret() ? "secret." : "param.") + param + "]");
                assertThat(input).as("%s: an input for %s", name, param).isNotNull();
                assertThat(input.attr("type")).as("%s.%s's input", name, param).isEqualTo(expectedType(p));
                assertThat(input.attr("inputmode")).as("%s.%s's keyboard", name, param)
                        .isEqualTo("uri".equals(p.format()) ? "url" : "");
                if (p.secret()) {
                    assertThat(input.attr("value")).as("%s.%s: a secret input is always empty", name, param).isEmpty();
                }
                if (p.defaultValue() != null && !p.secret()) {
                    assertThat(input.attr("value")).as("%s.%s's default", name, param).isEqualTo(p.defaultValue().asText());
                }
                boolean marked = page.selectFirst("#field-" + param + " .required") != null;
                assertThat(marked).as("%s.%s marked required", name, param)
                        .isEqualTo(spec.connection().required().contains(param));
                if (p.title() != null) {
                    assertThat(page.selectFirst("#field-" + param + " label").text()).as("%s.%s's label", name, param)
                            .contains(p.title());
                }
                if (p.description() != null) {
                    assertThat(page.selectFirst("#field-" + param + " .help").text()).isEqualTo(p.description().strip());
                }
            });
            assertThat(page.selectFirst("[name=param.baseUrl]")).as("%s: every connection takes a base URL", name).isNotNull();
        }
    }

    @Test
    void noSecretReachesAnyPageAndAnEmptySecretKeepsTheStoredOne() {
        String path = "/console/connections/" + OWN + "/secret-shop";
        HttpResponse<String> created = post("merchant-" + OWN, "/console/connections/new?connector=shopify",
                shopifyForm("secret-shop", TOKEN));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith(path);

        Document detail = page("merchant-" + OWN, path, 200);
        assertThat(detail.selectFirst("#field-accessToken .badge").text()).isEqualTo("set");
        assertThat(detail.selectFirst("#field-webhookSecret .badge").text()).isEqualTo("set");
        assertThat(detail.selectFirst("#webhook-url").attr("value"))
                .isEqualTo("http://localhost:" + port + "/webhooks/shopify/" + OWN + "/secret-shop");

        Map<String, String> edit = shopifyForm("secret-shop", "");
        edit.put("secret.webhookSecret", "");
        edit.put("name", "Renamed shop");
        assertThat(post("merchant-" + OWN, path, edit).statusCode()).as("saved with both secrets left empty").isEqualTo(302);
        assertThat(post("merchant-" + OWN, path + "/test", Map.of()).body()).as("the stored token still works")
                .contains("It works");
        Map<String, String> invalid = shopifyForm("secret-shop", TOKEN);
        invalid.put("param.shop", "not a shop");
        HttpResponse<String> refused = post("merchant-" + OWN, path, invalid);
        assertThat(refused.statusCode()).isEqualTo(422);

        long syncId = createSync("merchant-" + OWN, OWN + "/secret-shop");
        for (String html : List.of(refused.body(), page("merchant-" + OWN, path, 200).html(),
                page("merchant-" + OWN, "/console/connections", 200).html(),
                page("merchant-" + OWN, "/console/syncs", 200).html(),
                page("merchant-" + OWN, "/console/syncs/" + syncId, 200).html(),
                page("merchant-" + OWN, "/console/syncs/" + syncId + "/runs", 200).html(),
                page("sync-admin", "/console/connections", 200).html())) {
            assertThat(html).doesNotContain(TOKEN).doesNotContain(WEBHOOK_SECRET);
        }
    }

    @Test
    void mistakesAreNamedNextToTheirFieldInTheReadersLanguage() {
        Map<String, String> form = shopifyForm("mistaken-shop", "");
        form.put("param.shop", "my shop");
        HttpResponse<String> refused = post("merchant-" + OWN, "/console/connections/new?connector=shopify&lang=vi", form);
        assertThat(refused.statusCode()).isEqualTo(422);
        Document page = Jsoup.parse(refused.body());
        assertThat(page.selectFirst("#error-accessToken").text()).isEqualTo("Trường này là bắt buộc.");
        assertThat(page.selectFirst("#error-shop").text()).startsWith("Giá trị này không đúng định dạng");
        assertThat(page.selectFirst("[name=param.shop]").attr("value")).as("what was typed stays").isEqualTo("my shop");

        post("merchant-" + OWN, "/console/connections/new?connector=shopify", shopifyForm("form-shop", TOKEN));
        Document noStreams = Jsoup.parse(post("merchant-" + OWN, "/console/syncs/new?lang=en",
                Map.of("connection", OWN + "/form-shop", "preset", "daily", "dailyAt", "25:00")).body());
        assertThat(noStreams.selectFirst("#error-streams").text()).isEqualTo("Choose at least one stream.");
        assertThat(noStreams.selectFirst("#error-dailyAt").text()).isEqualTo("Enter a time such as 08:30.");
        Document badCron = Jsoup.parse(post("merchant-" + OWN, "/console/syncs/new?lang=en",
                Map.of("connection", OWN + "/form-shop", "streams", "orders", "preset", "cron", "cron", "* * * *")).body());
        assertThat(badCron.selectFirst("#error-schedule").text()).startsWith("This schedule cannot be used:")
                .contains("has 4 fields");
    }

    @Test
    void aCronScheduleIsReadInTheWorkspacesZoneUnlessTheSyncNamesOne() {
        jdbc.update("update workspace set time_zone = 'Asia/Bangkok' where id = ?", OTHER);
        connectionWithSync(OTHER, "zone-shop", SHOP, "VND", TOKEN);
        JsonNode daily = call("POST", "/api/syncs", Map.of("connection", "zone-shop", "workspace", OTHER,
                "streams", List.of("orders"), "schedule", "30 8 * * *"), 201);
        assertThat(daily.get("timeZone").asText()).isEqualTo("Asia/Bangkok");
        assertThat(daily.get("nextRunAt").asText()).as("08:30 in Bangkok is 01:30 UTC").contains("T01:30:00");
        JsonNode utc = call("PUT", "/api/syncs/" + daily.get("id").asLong(), Map.of("connection", "zone-shop",
                "workspace", OTHER, "streams", List.of("orders"), "schedule", "30 8 * * *", "timeZone", "UTC"), 200);
        assertThat(utc.get("nextRunAt").asText()).contains("T08:30:00");
        HttpResponse<String> wrong = send("POST", "/api/syncs", Map.of("connection", "zone-shop", "workspace", OTHER,
                "streams", List.of("orders"), "schedule", "@hourly", "timeZone", "Mars/Olympus"), "admin", ADMIN_PASSWORD);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("timeZone 'Mars/Olympus' is not a time zone id");
        jdbc.update("update workspace set time_zone = 'Asia/Ho_Chi_Minh' where id = ?", OTHER);
        JsonNode schemas = call("GET", "/v3/api-docs", null, 200).get("components").get("schemas");
        assertThat(schemas.get("SyncRequest").get("properties").get("timeZone").get("description").asText())
                .as("the OpenAPI document explains it").contains("absent: the workspace's zone");
        assertThat(schemas.get("SyncResponse").get("properties").has("timeZone")).isTrue();
    }

    @Test
    void aMerchantReachesNothingOfAnotherWorkspace() {
        long syncId = connectionWithSync(OTHER, "other-shop", SHOP, "VND", TOKEN);
        long runId = runToEnd(syncId).get("id").asLong();
        String connection = "/console/connections/" + OTHER + "/other-shop";
        String stranger = "merchant-" + OWN;
        for (String path : List.of(connection, "/console/syncs/" + syncId, "/console/syncs/" + syncId + "/runs",
                "/console/runs/" + runId, "/console/runs/" + runId + "/progress",
                "/console/syncs/new?connection=" + OTHER + "/other-shop")) {
            assertThat(get(stranger, path).statusCode()).as("GET %s", path).isEqualTo(404);
            assertThat(get("merchant-" + OTHER, path).statusCode()).as("its own merchant: GET %s", path).isEqualTo(200);
        }
        for (String path : List.of(connection, connection + "/test", "/console/syncs/" + syncId,
                "/console/syncs/" + syncId + "/run", "/console/syncs/" + syncId + "/enabled?enabled=false",
                "/console/syncs/new?connection=" + OTHER + "/other-shop")) {
            assertThat(post(stranger, path, Map.of("streams", "orders", "preset", "hourly")).statusCode())
                    .as("POST %s", path).isEqualTo(404);
        }
        assertThat(call("GET", "/api/syncs/" + syncId, null, 200).get("enabled").asBoolean()).as("still enabled").isTrue();
        assertThat(page(stranger, "/console/connections", 200).text()).doesNotContain("other-shop");
        assertThat(page(stranger, "/console/syncs", 200).select("#syncs a[href=/console/syncs/" + syncId + "/runs]")).isEmpty();

        Document run = page("merchant-" + OTHER, "/console/runs/" + runId + "?lang=en", 200);
        assertThat(run.selectFirst("#run-status").text()).isEqualTo("succeeded");
        assertThat(run.selectFirst("#progress").hasAttr("hx-get")).as("an ended run's page polls no more").isFalse();
        assertThat(run.selectFirst("#stream-orders .read").text()).isEqualTo(String.valueOf(shop().orderCount()));
    }

    private static String expectedType(ParamSpec p) {
        if (p.secret()) {
            return "password";
        }
        return switch (p.type()) {
            case "integer", "number" -> "number";
            case "boolean" -> "checkbox";
            default -> "email".equals(p.format()) ? "email" : "text";
        };
    }

    private Map<String, String> shopifyForm(String id, String token) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("id", id);
        form.put("name", id);
        form.put("param.shop", SHOP);
        form.put("param.baseUrl", shopBaseUrl());
        form.put("param.defaultRegion", "VN");
        form.put("secret.accessToken", token);
        form.put("secret.webhookSecret", WEBHOOK_SECRET);
        return form;
    }

    private long createSync(String user, String connection) {
        HttpResponse<String> created = post(user, "/console/syncs/new", Map.of("connection", connection,
                "streams", "orders", "preset", "hourly", "enabled", "true"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.replaceAll(".*/console/syncs/(\\d+)/runs$", "$1"));
    }

    private Document page(String user, String path, int status) {
        HttpResponse<String> response = get(user, path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(status);
        return Jsoup.parse(response.body());
    }

    private HttpResponse<String> get(String user, String path) {
        return exchange(request(user, path).GET());
    }

    private HttpResponse<String> post(String user, String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return exchange(request(user, path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
