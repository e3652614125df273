package io.mekong.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.testing.ConsoleForms;
import io.mekong.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a service refuses reaches a Vietnamese reader in Vietnamese, not in the service's English: the console says a
 * refusal by its code, with its arguments, and the API keeps its English words.
 */
class RefusalsInTheReadersLanguageTest extends HubIntegrationTest {

    private static final String WORKSPACE = "refusals-ws";
    private static final String MERCHANT = "refusals-merchant";
    private static final String PASSWORD = "refusals test password";

    @Autowired
    AppUsers users;

    private ConsoleForms inVietnamese;

    @BeforeEach
    void aMerchant() {
        jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", WORKSPACE, WORKSPACE);
        if (!users.exists(MERCHANT)) {
            users.create(MERCHANT, PASSWORD, Role.MERCHANT, WORKSPACE);
        }
        inVietnamese = new ConsoleForms(port, MERCHANT, PASSWORD).in("vi");
    }

    @Test
    void aScheduleTheSyncServiceRefusesIsExplainedWithoutTheParsersEnglish() {
        connection("refusals-cron-shop");
        Map<String, String> form = Map.of("connection", WORKSPACE + "/refusals-cron-shop", "streams", "orders",
                "preset", "cron", "cron", "x * * * *");

        Document vietnamese = Jsoup.parse(inVietnamese.post("/console/syncs/new", form).body());
        assertThat(vietnamese.selectFirst("#error-schedule").text())
                .isEqualTo("Không dùng được lịch này: đây không phải một dòng cron hợp lệ.");
        Document english = Jsoup.parse(inVietnamese.in("en").post("/console/syncs/new", form).body());
        assertThat(english.selectFirst("#error-schedule").text())
                .as("English readers also get the cron parser's detail")
                .startsWith("This schedule cannot be used: it is not a valid cron line (").doesNotContain("schedule \"");

        Map<String, String> tooOften = new HashMap<>(form);
        tooOften.put("cron", "*/5 * * * * ?");
        assertThat(Jsoup.parse(inVietnamese.post("/console/syncs/new", tooOften).body()).selectFirst("#error-schedule")
                .text()).isEqualTo("Không dùng được lịch này: lịch chạy cách nhau 5 giây; khoảng cách ngắn nhất là 10 giây.");

        Map<String, String> unknownZone = new HashMap<>(form);
        unknownZone.put("preset", "hourly");
        unknownZone.put("timeZone", "Mars/Olympus");
        HttpResponse<String> zone = inVietnamese.post("/console/syncs/new", unknownZone);
        assertThat(zone.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(zone.body()).selectFirst("#error-timeZone").text())
                .isEqualTo("Hãy nhập múi giờ, ví dụ Asia/Ho_Chi_Minh hoặc UTC.");
        assertThat(zone.body()).doesNotContain("is not a time zone id");

        HttpResponse<String> api = send("POST", "/api/syncs", Map.of("connection", "refusals-cron-shop",
                "workspace", WORKSPACE, "streams", List.of("orders"), "schedule", "x * * * *"), "admin",
                ADMIN_PASSWORD);
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.body()).as("the API keeps its English").contains("schedule \\\"x * * * *\\\" is not a valid cron expression");
    }

    @Test
    void aConnectionMovedToAnotherHostWithoutItsSecretsAndATakenIdAreExplainedInVietnamese() {
        connection("refusals-moved-shop");
        Map<String, String> moved = new HashMap<>();
        moved.put("name", "Moved shop");
        moved.put("param.shop", SHOP);
        moved.put("param.baseUrl", "https://elsewhere.example.com/shopify");
        moved.put("secret.accessToken", "");

        HttpResponse<String> refused = inVietnamese.post("/console/connections/" + WORKSPACE + "/refusals-moved-shop",
                moved);
        assertThat(refused.statusCode()).isEqualTo(422);
        Document page = Jsoup.parse(refused.body());
        assertThat(page.selectFirst("p.message.error").text()).isEqualTo("Địa chỉ đã thay đổi: khóa bí mật đã lưu không "
                + "bao giờ được gửi đến máy chủ khác, vì vậy hãy nhập lại chúng.");
        assertThat(page.selectFirst("#error-accessToken").text()).isEqualTo("Trường này là bắt buộc.");
        assertThat(refused.body()).doesNotContain("another host").doesNotContain("give them again");

        Map<String, String> taken = new HashMap<>(moved);
        taken.put("id", "refusals-moved-shop");
        taken.put("param.baseUrl", shopBaseUrl());
        taken.put("secret.accessToken", TOKEN);
        Document again = Jsoup.parse(inVietnamese.post("/console/connections/new?connector=shopify", taken).body());
        assertThat(again.selectFirst("p.message.error").text())
                .isEqualTo("Không gian làm việc này đã có một kết nối với mã refusals-moved-shop.");
    }

    private void connection(String id) {
        call("POST", "/api/connections", Map.of("id", id, "workspace", WORKSPACE, "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                "secrets", Map.of("accessToken", TOKEN)), 201);
    }
}
