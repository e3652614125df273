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
                if (p.deprecated()) {
                    assertThat(input).as("%s: deprecated %s is not offered to a new connection", name, param).isNull();
                    return;
                }
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
    void theConnectorsTextsAreInTheReadersLanguage() {
        String merchant = "merchant-" + OWN;
        Document choose = page(merchant, "/console/connections/new?lang=vi", 200);
        assertThat(choose.selectFirst("#connector-shopify p").text()).startsWith("Khách hàng, đơn hàng (kèm dòng sản phẩm");
        assertThat(choose.selectFirst("#connector-webhook strong").text()).isEqualTo("Endpoint HTTP (webhook)");

        Document vietnamese = page(merchant, "/console/connections/new?connector=shopify&lang=vi", 200);
        assertThat(vietnamese.selectFirst("#field-shop label").text()).contains("Tên miền cửa hàng");
        assertThat(vietnamese.selectFirst("#field-shop .help").text())
                .isEqualTo("Tên miền myshopify.com của cửa hàng, ví dụ \"my-store.myshopify.com\".");
        assertThat(vietnamese.selectFirst("#field-webhookSecret label").text()).contains("Khóa bí mật ký webhook");
        assertThat(vietnamese.selectFirst("#field-baseUrl label").text()).contains("URL gốc thay thế");
        assertThat(vietnamese.selectFirst("[name=param.currency]")).as("deprecated: not offered").isNull();
        Document english = page(merchant, "/console/connections/new?connector=shopify&lang=en", 200);
        assertThat(english.selectFirst("#field-shop label").text()).contains("Shop domain");
        assertThat(english.selectFirst("#field-shop .help").text())
                .isEqualTo("The store's myshopify.com domain, e.g. \"my-store.myshopify.com\".");
        assertThat(english.selectFirst("[name=param.currency]")).isNull();

        connectionWithSync(OWN, "currency-shop", SHOP, "VND", TOKEN);
        String path = "/console/connections/" + OWN + "/currency-shop";
        Document detail = page(merchant, path + "?lang=vi", 200);
        assertThat(detail.selectFirst("[name=param.currency]").attr("value")).as("held: shown, to be seen and cleared")
                .isEqualTo("VND");
        assertThat(detail.selectFirst("#field-currency label").text()).contains("đã ngừng dùng");
        assertThat(detail.selectFirst("#webhooks").text()).as("the secret's field named by its title")
                .contains("vào ô \"Khóa bí mật ký webhook\" bên dưới");
        assertThat(page(merchant, path + "?lang=en", 200).selectFirst("#webhooks").text())
                .contains("into the \"Webhook signing secret\" field below");
        post(merchant, "/console/connections/new?connector=shopify", shopifyForm("plain-shop", TOKEN));
        assertThat(page(merchant, "/console/connections/" + OWN + "/plain-shop", 200).selectFirst("[name=param.currency]"))
                .as("not held: not offered on an edit either").isNull();

        Document sync = page(merchant, "/console/syncs/new?connection=" + OWN + "/currency-shop&lang=vi", 200);
        Element orders = sync.selectFirst("#stream-orders").parent();
        assertThat(orders.text()).isEqualTo("Đơn hàng orders");
        assertThat(orders.selectFirst(".muted").text()).as("the name integrators know it by").isEqualTo("orders");
        assertThat(sync.selectFirst("#stream-checkouts").parent().text()).isEqualTo("Thanh toán bị bỏ dở checkouts");
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
                .contains("It works", "Shopify answered POST");
        assertThat(post("merchant-" + OWN, path + "/test?lang=vi", Map.of()).body()).as("in the reader's words")
                .contains("Kết nối hoạt động", "Shopify đã trả lời POST").doesNotContain("connected to");
        assertThat(page("merchant-" + OWN, path + "?lang=vi", 200).selectFirst("#test-result").text())
                .startsWith("Lần kiểm tra gần nhất: hoạt động,").doesNotContain("connected to");
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
        for (String path : List.of(connection, connection + "/delete", "/console/syncs/" + syncId,
                "/console/syncs/" + syncId + "/runs", "/console/syncs/" + syncId + "/delete",
                "/console/runs/" + runId, "/console/runs/" + runId + "/progress",
                "/console/syncs/new?connection=" + OTHER + "/other-shop")) {
            assertThat(get(stranger, path).statusCode()).as("GET %s", path).isEqualTo(404);
            assertThat(get("merchant-" + OTHER, path).statusCode()).as("its own merchant: GET %s", path).isEqualTo(200);
        }
        for (String path : List.of(connection, connection + "/test", connection + "/delete", "/console/syncs/" + syncId,
                "/console/syncs/" + syncId + "/run", "/console/syncs/" + syncId + "/enabled?enabled=false",
                "/console/syncs/" + syncId + "/delete", "/console/syncs/new?connection=" + OTHER + "/other-shop")) {
            assertThat(post(stranger, path, Map.of("streams", "orders", "preset", "hourly")).statusCode())
                    .as("POST %s", path).isEqualTo(404);
        }
        assertThat(call("GET", "/api/syncs/" + syncId, null, 200).get("enabled").asBoolean()).as("still enabled").isTrue();
        call("GET", "/api/connections/other-shop?workspace=" + OTHER, null, 200);
        assertThat(page(stranger, "/console/connections", 200).text()).doesNotContain("other-shop");
        assertThat(page(stranger, "/console/syncs", 200).select("#syncs a[href=/console/syncs/" + syncId + "/runs]")).isEmpty();

        Document run = page("merchant-" + OTHER, "/console/runs/" + runId + "?lang=en", 200);
        assertThat(run.selectFirst("#run-status").text()).isEqualTo("succeeded");
        assertThat(run.selectFirst("#progress").hasAttr("hx-get")).as("an ended run's page polls no more").isFalse();
        assertThat(run.selectFirst("#stream-orders .read").text()).isEqualTo(String.valueOf(shop().orderCount()));
    }

    @Test
    void aConnectionIsDeletedWithItsSyncJobsAfterAPageNamingThem() {
        String merchant = "merchant-" + OWN;
        String path = "/console/connections/" + OWN + "/doomed-shop";
        post(merchant, "/console/connections/new?connector=shopify", shopifyForm("doomed-shop", TOKEN));
        long syncId = createSync(merchant, OWN + "/doomed-shop");
        assertThat(page(merchant, path, 200).selectFirst("#delete-connection").attr("href")).isEqualTo(path + "/delete");

        Document confirm = page(merchant, path + "/delete?lang=vi", 200);
        assertThat(confirm.selectFirst("#delete-warning").text())
                .isEqualTo("Không thể hoàn tác việc xóa kết nối " + OWN + " / doomed-shop. Mọi thứ liệt kê dưới đây cũng bị xóa theo.");
        assertThat(confirm.select("#dependent-syncs a").eachAttr("href")).containsExactly("/console/syncs/" + syncId + "/runs");
        HttpResponse<String> deleted = post(merchant, path + "/delete", Map.of());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(302);
        assertThat(deleted.headers().firstValue("Location").orElseThrow()).endsWith("/console/connections");

        assertThat(get(merchant, path).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from sync_job where id = ?", Integer.class, syncId)).isZero();
        assertThat(audit("connection", "doomed-shop")).containsExactly(merchant + " created", merchant + " deleted");
    }

    @Test
    void aTargetConnectionsPageNamesTheDestinationsThatGoWithIt() {
        call("POST", "/api/connections", Map.of("id", "doomed-hook", "workspace", OWN, "connector", "webhook",
                "params", Map.of("url", "http://localhost:" + port + "/sandbox/hooks/doomed"),
                "secrets", Map.of("signingSecret", "whsec-doomed")), 201);
        call("POST", "/api/destinations", Map.of("id", "doomed-erp", "workspace", OWN, "connection", "doomed-hook",
                "deliver", List.of("orders"), "enabled", false), 201);
        String path = "/console/connections/" + OWN + "/doomed-hook";
        Document confirm = page("merchant-" + OWN, path + "/delete?lang=en", 200);
        assertThat(confirm.select("#dependent-destinations a").eachAttr("href"))
                .containsExactly("/console/destinations/doomed-erp?workspace=" + OWN);
        assertThat(confirm.text()).contains("These destinations deliver through it: they are deleted and stop delivering.")
                .contains("No sync job reads this connection.");

        assertThat(post("merchant-" + OWN, path + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject("select count(*) from destination where workspace_id = ? and api_id = 'doomed-erp'",
                Integer.class, OWN)).isZero();
    }

    @Test
    void aSyncJobIsDeletedFromItsPageAndItsConnectionStays() {
        String merchant = "merchant-" + OWN;
        post(merchant, "/console/connections/new?connector=shopify", shopifyForm("job-deleted-shop", TOKEN));
        long syncId = createSync(merchant, OWN + "/job-deleted-shop");
        String path = "/console/syncs/" + syncId;
        assertThat(page(merchant, path + "/runs", 200).selectFirst("#delete-sync").attr("href")).isEqualTo(path + "/delete");
        assertThat(page(merchant, path + "/delete?lang=en", 200).selectFirst("#delete-warning").text())
                .isEqualTo("Deleting the sync job cannot be undone: its schedule stops and it will not run again.");

        HttpResponse<String> deleted = post(merchant, path + "/delete", Map.of());
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(deleted.headers().firstValue("Location").orElseThrow()).endsWith("/console/syncs");
        assertThat(get(merchant, path + "/runs").statusCode()).isEqualTo(404);
        call("GET", "/api/syncs/" + syncId, null, 404);
        assertThat(get(merchant, "/console/connections/" + OWN + "/job-deleted-shop").statusCode()).isEqualTo(200);
        assertThat(audit("sync", String.valueOf(syncId))).containsExactly(merchant + " created", merchant + " deleted");
    }

    @Test
    void aViewerDeletesNothing() {
        if (!users.exists("sync-viewer")) {
            users.create("sync-viewer", PASSWORD, Role.VIEWER, null);
        }
        post("merchant-" + OWN, "/console/connections/new?connector=shopify", shopifyForm("watched-shop", TOKEN));
        long syncId = createSync("merchant-" + OWN, OWN + "/watched-shop");
        String connection = "/console/connections/" + OWN + "/watched-shop";
        String sync = "/console/syncs/" + syncId;
        assertThat(page("sync-viewer", connection, 200).select("#delete-connection")).isEmpty();
        assertThat(page("sync-viewer", sync + "/runs", 200).select("#delete-sync")).isEmpty();
        for (String path : List.of(connection + "/delete", sync + "/delete")) {
            assertThat(page("sync-viewer", path, 200).select("#confirm-delete")).as("GET %s", path).isEmpty();
            assertThat(post("sync-viewer", path, Map.of()).statusCode()).as("POST %s", path).isEqualTo(403);
        }
        assertThat(get("merchant-" + OWN, connection).statusCode()).isEqualTo(200);
        call("GET", "/api/syncs/" + syncId, null, 200);
    }

    /** The subject's audit events, oldest first, as "actor action". */
    private List<String> audit(String subjectType, String subjectId) {
        return jdbc.queryForList("select actor || ' ' || action from audit_event where subject_type = ? and subject_id = ?"
                + " order by id", String.class, subjectType, subjectId);
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
