package io.mekong.web.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.testing.ConsoleForms;
import io.mekong.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Creating, editing, pausing and deleting destinations in the console over HTTP: the form offers the workspace's target
 * connections and the deliverables, refuses what {@code /api/destinations} refuses (in the reader's language, next to
 * the field), and a merchant reaches nothing of another workspace; every change is audited with its person.
 */
class DestinationPagesTest extends HubIntegrationTest {

    private static final String PASSWORD = "destination-pages-pass";
    private static final String OWN = "dp-ws-a";
    private static final String OTHER = "dp-ws-b";

    @Autowired
    AppUsers users;

    private ConsoleForms merchant;

    @BeforeEach
    void twoWorkspacesWithAWebhookTargetEach() {
        for (String ws : List.of(OWN, OTHER)) {
            jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", ws, ws);
            if (!users.exists(ws)) {
                users.create(ws, PASSWORD, Role.MERCHANT, ws);
                call("POST", "/api/connections", Map.of("id", ws + "-hook", "workspace", ws, "connector", "webhook",
                        "params", Map.of("url", "http://localhost:" + port + "/sandbox/hooks/" + ws),
                        "secrets", Map.of("signingSecret", "whsec-" + ws)), 201);
            }
        }
        if (!users.exists("dp-viewer")) {
            users.create("dp-viewer", PASSWORD, Role.VIEWER, null);
            call("POST", "/api/connections", Map.of("id", "dp-shop", "workspace", OWN, "connector", "shopify",
                    "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", TOKEN)), 201);
        }
        merchant = new ConsoleForms(port, OWN, PASSWORD);
    }

    @Test
    void aMerchantCreatesEditsAndDeletesADestinationFromTheForm() {
        Document form = page(merchant, "/console/destinations/new");
        assertThat(form.select("#connection option").eachAttr("value")).as("the workspace's target connections only")
                .containsExactly("", OWN + "/" + OWN + "-hook");
        assertThat(form.select("#deliver input[type=checkbox]").eachAttr("value"))
                .containsExactly("consent", "erasures", "events", "orders", "profiles");

        HttpResponse<String> created = merchant.post("/console/destinations/new", Map.of("id", "dp-erp",
                "connection", OWN + "/" + OWN + "-hook", "deliver", List.of("orders", "erasures"), "enabled", "false"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow())
                .endsWith("/console/destinations/dp-erp?workspace=" + OWN);
        JsonNode stored = call("GET", "/api/destinations/dp-erp?workspace=" + OWN, null, 200);
        assertThat(stored.get("connection").asText()).isEqualTo(OWN + "-hook");
        assertThat(stored.get("deliver")).extracting(JsonNode::asText).containsExactlyInAnyOrder("orders", "erasures");
        assertThat(stored.get("enabled").asBoolean()).isFalse();

        String path = "/console/destinations/dp-erp";
        Document edit = page(merchant, path + "/edit?workspace=" + OWN);
        assertThat(edit.select("#deliver input[checked]").eachAttr("value")).containsExactly("erasures", "orders");
        assertThat(edit.selectFirst("#connection option[selected]").attr("value")).isEqualTo(OWN + "/" + OWN + "-hook");
        HttpResponse<String> saved = merchant.post(path + "/edit?workspace=" + OWN, Map.of(
                "connection", OWN + "/" + OWN + "-hook", "deliver", List.of("profiles"), "enabled", "false"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(call("GET", "/api/destinations/dp-erp?workspace=" + OWN, null, 200).get("deliver"))
                .extracting(JsonNode::asText).containsExactly("profiles");

        Document confirm = page(merchant, path + "/delete?workspace=" + OWN);
        assertThat(confirm.selectFirst("#delete-dead-letters").text()).isEqualTo("It has no dead letters.");
        HttpResponse<String> deleted = merchant.post(path + "/delete?workspace=" + OWN, Map.of());
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(deleted.headers().firstValue("Location").orElseThrow()).endsWith("/console/destinations");
        assertThat(count("dp-erp", OWN)).isZero();
        assertThat(audit("dp-erp")).containsExactly(OWN + " created", OWN + " updated", OWN + " deleted");
    }

    @Test
    void theFormRefusesWhatTheApiRefusesNamingTheFieldInTheReadersLanguage() {
        ConsoleForms vietnamese = merchant.in("vi");
        Document noDeliver = refused(vietnamese, Map.of("id", "dp-nothing", "connection", OWN + "/" + OWN + "-hook"));
        assertThat(noDeliver.selectFirst("#error-deliver").text()).isEqualTo("Hãy chọn ít nhất một loại dữ liệu cần gửi.");
        assertThat(noDeliver.selectFirst("#id").attr("value")).as("what was typed stays").isEqualTo("dp-nothing");
        assertThat(send("POST", "/api/destinations", Map.of("id", "dp-nothing", "connection", OWN + "-hook"), OWN,
                PASSWORD).body()).as("the API's refusal of the same").contains("deliver is required");

        Document badId = refused(vietnamese, Map.of("id", "Not An Id", "connection", OWN + "/" + OWN + "-hook",
                "deliver", "orders"));
        assertThat(badId.selectFirst("#error-id").text()).startsWith("Hãy nhập mã gồm 2 đến 63 chữ thường");
        Document source = refused(merchant, Map.of("id", "dp-source", "connection", OWN + "/dp-shop", "deliver", "orders"));
        assertThat(source.selectFirst("#error-connection").text())
                .isEqualTo("The connection dp-shop is a shopify connection, which is a source: choose a target"
                        + " connection (hubspot, klaviyo, mailchimp, webhook).");
        Document notChosen = refused(merchant, Map.of("id", "dp-none", "connection", "", "deliver", "orders"));
        assertThat(notChosen.selectFirst("#error-connection").text()).isEqualTo("Choose a target connection.");
        assertThat(count("dp-nothing", OWN) + count("Not An Id", OWN) + count("dp-source", OWN) + count("dp-none", OWN))
                .isZero();

        merchant.post("/console/destinations/new", Map.of("id", "dp-twice", "connection", OWN + "/" + OWN + "-hook",
                "deliver", "orders", "enabled", "false"));
        Document taken = refused(merchant, Map.of("id", "dp-twice", "connection", OWN + "/" + OWN + "-hook",
                "deliver", "orders"));
        assertThat(taken.selectFirst("#form-error").text())
                .isEqualTo("The workspace " + OWN + " already has a destination with the id dp-twice.");
    }

    @Test
    void aMerchantReachesNothingOfAnotherWorkspace() {
        call("POST", "/api/destinations", Map.of("id", "dp-theirs", "workspace", OTHER, "connection", OTHER + "-hook",
                "deliver", List.of("orders"), "enabled", false), 201);
        String theirs = "/console/destinations/dp-theirs";
        for (String path : List.of(theirs + "/edit?workspace=" + OTHER, theirs + "/delete?workspace=" + OTHER,
                theirs + "/edit", theirs + "/delete")) {
            assertThat(merchant.get(path).statusCode()).as("GET %s", path).isEqualTo(404);
            assertThat(merchant.post(path, Map.of("connection", OWN + "/" + OWN + "-hook", "deliver", "profiles"))
                    .statusCode()).as("POST %s", path).isEqualTo(404);
        }
        assertThat(count("dp-theirs", OTHER)).as("still there").isEqualTo(1);
        assertThat(call("GET", "/api/destinations/dp-theirs?workspace=" + OTHER, null, 200).get("deliver"))
                .extracting(JsonNode::asText).containsExactly("orders");

        assertThat(merchant.post("/console/destinations/new", Map.of("id", "dp-foreign",
                "connection", OTHER + "/" + OTHER + "-hook", "deliver", "orders")).statusCode())
                .as("another workspace's target, named with its workspace").isEqualTo(404);
        Document named = refused(merchant, Map.of("id", "dp-foreign", "connection", OWN + "/" + OTHER + "-hook",
                "deliver", "orders"));
        assertThat(named.selectFirst("#form-error").text())
                .isEqualTo("The connection " + OTHER + "-hook does not exist in this workspace.");
        assertThat(count("dp-foreign", OWN) + count("dp-foreign", OTHER)).isZero();
    }

    @Test
    void aViewerIsRefusedAndSeesNoButtons() {
        call("POST", "/api/destinations", Map.of("id", "dp-watched", "workspace", OWN, "connection", OWN + "-hook",
                "deliver", List.of("orders"), "enabled", false), 201);
        ConsoleForms viewer = new ConsoleForms(port, "dp-viewer", PASSWORD);
        String path = "/console/destinations/dp-watched";
        Document detail = page(viewer, path + "?workspace=" + OWN);
        assertThat(detail.select("#edit-destination, #delete-destination")).isEmpty();
        assertThat(page(viewer, path + "/delete?workspace=" + OWN).select("#confirm-delete")).isEmpty();
        assertThat(viewer.post(path + "/delete?workspace=" + OWN, Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/console/destinations/new", Map.of("id", "dp-viewers",
                "connection", OWN + "/" + OWN + "-hook", "deliver", "orders")).statusCode()).isEqualTo(403);
        assertThat(count("dp-watched", OWN)).isEqualTo(1);
        assertThat(count("dp-viewers", OWN)).isZero();
    }

    @Test
    void pausingAndStartingDeliveryAreAuditedAsSuch() {
        call("POST", "/api/destinations", Map.of("id", "dp-paused", "workspace", OWN, "connection", OWN + "-hook",
                "deliver", List.of("erasures")), 201);
        String path = "/console/destinations/dp-paused/enabled?workspace=" + OWN;
        assertThat(merchant.post(path, Map.of("enabled", "false")).statusCode()).isEqualTo(302);
        assertThat(merchant.post(path, Map.of("enabled", "true")).statusCode()).isEqualTo(302);
        assertThat(audit("dp-paused")).containsExactly("admin created", OWN + " paused", OWN + " enabled");
    }

    private Document refused(ConsoleForms person, Map<String, ?> form) {
        HttpResponse<String> response = person.post("/console/destinations/new", form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        return Jsoup.parse(response.body());
    }

    private static Document page(ConsoleForms person, String path) {
        HttpResponse<String> response = person.get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    private int count(String id, String workspace) {
        return jdbc.queryForObject("select count(*) from destination where api_id = ? and workspace_id = ?",
                Integer.class, id, workspace);
    }

    /** The destination's audit events, oldest first, as "actor action". */
    private List<String> audit(String id) {
        return jdbc.queryForList("select actor || ' ' || action from audit_event where subject_type = 'destination'"
                + " and subject_id = ? order by id", String.class, id);
    }
}
