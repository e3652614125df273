package io.mekong.web.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.store.PageCommitter;
import io.mekong.store.StoredRecords;
import io.mekong.testing.ConsoleForms;
import io.mekong.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The customer pages over HTTP: two workspaces hold a customer with the same email, and a merchant finds, reads,
 * exports, unmerges and erases only their own; an erasure happens only once the person typed the email shown.
 */
class CustomerPagesTest extends HubIntegrationTest {

    private static final String PASSWORD = "customer-pages-pass";
    private static final String EMAIL = "lan.tran@example.com";

    @Autowired
    AppUsers users;
    @Autowired
    PageCommitter committer;

    private final Map<String, Long> profiles = new HashMap<>();

    @BeforeEach
    void theSamePersonInTwoWorkspaces() {
        for (String ws : List.of("cust-a", "cust-b")) {
            profiles.put(ws, person(ws));
        }
    }

    /**
     * Trần Thị Lan with one paid VND order in workspace {@code ws} (with its merchant, named so), resolved into a
     * profile by the store's resolution.
     */
    private long person(String ws) {
        StoredRecords records = new StoredRecords(jdbc, committer);
        jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", ws, ws);
        if (!users.exists(ws)) {
            users.create(ws, PASSWORD, Role.MERCHANT, ws);
            records.connection(ws + "-shop", ws, "shopify", Map.of());
        }
        records.customer(ws + "-shop", Map.of("externalId", "c1", "email", "Lan.Tran@Example.com",
                "phone", "+84901234567", "firstName", "Trần Thị", "lastName", "Lan", "updatedAt", "2026-01-01T00:00:00Z"));
        records.order(ws + "-shop", Map.of("externalId", "o1", "orderNumber", "#1001", "customerExternalId", "c1",
                "currency", "VND", "totalMinor", 1_250_000, "financialStatus", "paid", "placedAt", "2026-02-01T00:00:00Z"));
        return jdbc.queryForObject("select profile_id from identity where connection_id = ? and external_id = 'c1'",
                Long.class, ws + "-shop");
    }

    @Test
    void aMerchantFindsReadsAndActsOnTheirOwnCustomersOnly() {
        ConsoleForms merchant = new ConsoleForms(port, "cust-a", PASSWORD);
        long own = profiles.get("cust-a");
        long foreign = profiles.get("cust-b");

        HttpResponse<String> found = merchant.get("/console/customers?email=LAN.TRAN@example.com");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("customer-" + own).doesNotContain("customer-" + foreign);
        HttpResponse<String> profile = merchant.get("/console/customers/" + own);
        assertThat(profile.body()).contains("Trần Thị Lan", "#1001", "₫1,250,000");
        assertThat(merchant.in("vi").get("/console/customers/" + own).body()).contains("1.250.000\u00a0₫");
        assertThat(merchant.get("/console/customers/" + own + "/export").headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("attachment", "customer-" + own + "-export.json"));

        assertThat(merchant.get("/console/customers/" + foreign).statusCode()).isEqualTo(404);
        assertThat(merchant.in("vi").get("/console/customers/" + foreign).body()).as("named in the reader's words")
                .contains("Khách hàng " + foreign + ": không tồn tại").doesNotContain("Profile");
        assertThat(merchant.get("/console/customers/" + foreign + "/export").statusCode()).isEqualTo(404);
        assertThat(merchant.get("/console/customers/" + foreign + "/erase").statusCode()).isEqualTo(404);
        assertThat(merchant.post("/console/customers/" + foreign + "/erase", Map.of("confirmation", EMAIL)).statusCode())
                .isEqualTo(404);
        assertThat(merchant.post("/console/customers/" + foreign + "/unmerge", Map.of("merge", 1)).statusCode())
                .isEqualTo(404);
        assertThat(erasures(foreign)).isZero();
        assertThat(merchant.in("vi").get("/console/customers?phone=12").body())
                .as("a phone that is not one").contains("Không phải số điện thoại: 12");
    }

    @Test
    void aProfileReadsInTheMerchantsLanguageNotInTheStoresCodes() {
        StoredRecords records = new StoredRecords(jdbc, committer);
        records.connection("cust-a-magento", "cust-a", "magento", Map.of());
        records.customer("cust-a-magento", Map.of("externalId", "m1", "email", EMAIL, "firstName", "Trần Thị",
                "lastName", "Lan", "updatedAt", "2026-03-01T00:00:00Z",
                "consents", List.of(Map.of("channel", "email", "status", "unsubscribed", "field", "is_subscribed")),
                "defaultAddress", Map.of("name", "Trần Thị Lan", "phone", "+84901234567", "line1", "182 Lê Đại Hành",
                        "city", "Đà Nẵng", "province", "Đà Nẵng", "country", "Vietnam", "countryCode", "VN")));
        records.order("cust-a-magento", Map.of("externalId", "o9", "orderNumber", "000000009", "customerExternalId", "m1",
                "currency", "VND", "totalMinor", 390_000, "status", "cancelled", "placedAt", "2026-03-02T00:00:00Z"));
        long merged = profiles.get("cust-a");
        assertThat(jdbc.queryForObject("select profile_id from identity where connection_id = 'cust-a-magento'",
                Long.class)).as("the same email joined both shops' records").isEqualTo(merged);

        String page = new ConsoleForms(port, "cust-a", PASSWORD).in("vi").get("/console/customers/" + merged).body();
        assertThat(page).contains(">đã hủy<", ">đã hủy đăng ký<", "Trùng email: " + EMAIL,
                "182 Lê Đại Hành, Đà Nẵng, Vietnam<");
        assertThat(page).doesNotContain(">cancelled<", ">unsubscribed<", "&quot;key&quot;", "Đà Nẵng, Đà Nẵng");
    }

    @Test
    void anErasureWaitsForTheEmailTypedAndThenLinksToItsStatus() {
        // a workspace of its own: the erasure must not reach the other test's person
        long id = person("cust-erase");
        ConsoleForms merchant = new ConsoleForms(port, "cust-erase", PASSWORD);
        assertThat(merchant.get("/console/customers/" + id + "/erase").body()).contains("To confirm, type " + EMAIL);

        for (Map<String, String> unconfirmed : List.of(Map.<String, String>of(), Map.of("confirmation", ""),
                Map.of("confirmation", "lan.tran@example.co"), Map.of("confirmation", "yes"))) {
            HttpResponse<String> refused = merchant.post("/console/customers/" + id + "/erase", unconfirmed);
            assertThat(refused.statusCode()).as("%s", unconfirmed).isEqualTo(400);
            assertThat(refused.body()).contains("type " + EMAIL + " exactly. Nothing was erased.");
        }
        assertThat(erasures(id)).isZero();

        HttpResponse<String> erased = merchant.post("/console/customers/" + id + "/erase",
                Map.of("confirmation", " Lan.Tran@Example.com "));
        assertThat(erased.statusCode()).isEqualTo(200);
        long erasure = jdbc.queryForObject("select id from erasure_request where profile_id = ? and origin = 'console'"
                + " and requested_by = 'cust-erase'", Long.class, id);
        assertThat(erased.body()).contains("href=\"/console/erasures/" + erasure + "\"");
    }

    private int erasures(long profile) {
        return jdbc.queryForObject("select count(*) from erasure_request where profile_id = ?", Integer.class, profile);
    }
}
