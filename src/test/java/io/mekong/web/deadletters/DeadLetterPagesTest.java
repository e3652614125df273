package io.mekong.web.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.store.StoredRecords;
import io.mekong.store.PageCommitter;
import io.mekong.testing.ConsoleForms;
import io.mekong.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dead-letter pages over HTTP: a merchant reads and acts on their own workspace's letters only (another's is not
 * found, whatever the form names), and an edited payload that is not JSON is refused with where the mistake is, in
 * the reader's language, and nothing saved. Letters are written as rows: how they come about is DeadLetterApiTest's.
 */
class DeadLetterPagesTest extends HubIntegrationTest {

    private static final String PASSWORD = "dead-letter-pages-pass";

    @Autowired
    AppUsers users;
    @Autowired
    PageCommitter committer;

    private final Map<String, Long> letters = new HashMap<>();

    @BeforeEach
    void aLetterInEachOfTwoWorkspaces() {
        StoredRecords records = new StoredRecords(jdbc, committer);
        for (String ws : List.of("dlp-a", "dlp-b")) {
            jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", ws, ws);
            if (!users.exists(ws)) {
                users.create(ws, PASSWORD, Role.MERCHANT, ws);
                records.connection(ws + "-shop", ws, "shopify", Map.of());
            }
            jdbc.update("delete from dead_letter where workspace_id = ?", ws);
            letters.put(ws, jdbc.queryForObject("""
                    insert into dead_letter (workspace_id, connection_id, entity, external_id, reason, payload)
                    values (?, ?, 'order', '1001', 'order has more than 20 line items', '{"id": 1001, "lines": []}')
                    returning id""", Long.class, ws, ws + "-shop"));
        }
    }

    @Test
    void aMerchantSeesAndTouchesOnlyTheirWorkspacesDeadLetters() {
        ConsoleForms merchant = new ConsoleForms(port, "dlp-a", PASSWORD);
        long own = letters.get("dlp-a");
        long foreign = letters.get("dlp-b");

        HttpResponse<String> list = merchant.get("/console/dead-letters");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("letter-" + own).doesNotContain("letter-" + foreign).doesNotContain("dlp-b-shop");
        assertThat(merchant.get("/console/dead-letters/" + own).body()).contains("order has more than 20 line items");
        assertThat(merchant.get("/console/dead-letters/replay-matching").body())
                .as("replay all counts the merchant's own").contains("1 open dead letters match");

        assertThat(merchant.get("/console/dead-letters/" + foreign).statusCode()).isEqualTo(404);
        assertThat(merchant.get("/console/dead-letters?connection=dlp-b-shop").statusCode()).isEqualTo(404);
        assertThat(merchant.get("/console/dead-letters?workspace=dlp-b").statusCode()).isEqualTo(404);
        assertThat(merchant.post("/console/dead-letters/" + foreign, Map.of("payload", "{}")).statusCode()).isEqualTo(404);
        assertThat(merchant.post("/console/dead-letters/" + foreign + "/replay", Map.of()).statusCode()).isEqualTo(404);
        assertThat(merchant.post("/console/dead-letters/replay", Map.of("ids", List.of(own, foreign))).statusCode())
                .as("a selection holding another workspace's letter").isEqualTo(404);
        assertThat(merchant.post("/console/dead-letters/replay-matching", Map.of("workspace", "dlp-b")).statusCode())
                .isEqualTo(404);
        assertThat(jdbc.queryForMap("select payload::text as payload, attempts from dead_letter where id = ?", foreign))
                .as("untouched").containsEntry("payload", "{\"id\": 1001, \"lines\": []}").containsEntry("attempts", 0);
    }

    @Test
    void anAdminFiltersByAWorkspaceChosenFromTheExistingOnes() {
        HttpResponse<String> list = new ConsoleForms(port, "admin", ADMIN_PASSWORD).get("/console/dead-letters?workspace=dlp-b");

        Element workspace = Jsoup.parse(list.body()).selectFirst("select#workspace[name=workspace]");
        assertThat(workspace).as("a choice, not a text box").isNotNull();
        assertThat(workspace.select("option").eachAttr("value")).contains("", "dlp-a", "dlp-b");
        assertThat(workspace.select("option[selected]").eachAttr("value")).containsExactly("dlp-b");
        assertThat(list.body()).contains("letter-" + letters.get("dlp-b")).doesNotContain("letter-" + letters.get("dlp-a"));
    }

    @Test
    void anEditThatIsNotJsonIsRefusedWithItsLineAndColumnAndNothingIsSaved() {
        ConsoleForms merchant = new ConsoleForms(port, "dlp-a", PASSWORD);
        long id = letters.get("dlp-a");
        String typo = "{\n  \"id\": 1001,\n  \"lines\": [}\n}";

        HttpResponse<String> refused = merchant.post("/console/dead-letters/" + id, Map.of("payload", typo));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("This is not valid JSON: line 3, column 13: a closing bracket that does "
                        + "not match the one opened. Nothing was saved.").doesNotContain("Source:")
                .as("what was typed stays in the box to be corrected").contains("[}");
        HttpResponse<String> inVietnamese = merchant.in("vi").post("/console/dead-letters/" + id, Map.of("payload", typo));
        assertThat(inVietnamese.body()).contains("Đây không phải JSON hợp lệ: dòng 3, cột 13: dấu đóng ngoặc không khớp "
                + "với dấu mở ngoặc. Chưa có gì được lưu.").as("none of the parser's English").doesNotContain("marker");
        assertThat(merchant.post("/console/dead-letters/" + id, Map.of("payload", "{\"id\": 1001\n")).body())
                .contains("line 2, column 1: the text ends before every bracket is closed. Nothing was saved");
        assertThat(merchant.in("vi").post("/console/dead-letters/" + id, Map.of("payload", "{\"id\": 1001,}")).body())
                .contains("dòng 1, cột 13: tên trường phải nằm trong dấu ngoặc kép.");
        assertThat(merchant.post("/console/dead-letters/" + id, Map.of("payload", " ")).body())
                .contains("The payload is empty");
        assertThat(jdbc.queryForObject("select payload::text from dead_letter where id = ?", String.class, id))
                .isEqualTo("{\"id\": 1001, \"lines\": []}");

        HttpResponse<String> saved = merchant.post("/console/dead-letters/" + id,
                Map.of("payload", "{\"id\": 1001, \"lines\": [{\"sku\": \"A\"}]}"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/console/dead-letters/" + id);
        assertThat(jdbc.queryForObject("select payload::text from dead_letter where id = ?", String.class, id))
                .isEqualTo("{\"id\": 1001, \"lines\": [{\"sku\": \"A\"}]}");
    }
}
