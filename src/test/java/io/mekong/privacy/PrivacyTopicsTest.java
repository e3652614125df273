package io.mekong.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.shopify.Customer;
import java.time.OffsetDateTime;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Shopify's mandatory privacy topics, delivered signed to the real webhook endpoint in the documented shapes
 * (../shared/fixtures/shopify/compliance) and processed by the webhooks route: a data request becomes an export the
 * merchant can fetch, a customer redaction erases the person, a shop redaction removes that connection's data only.
 * Processing settles every privacy delivery: none is left pending.
 */
class PrivacyTopicsTest extends PrivacyFixture {

    private static final String WS = "privacy-topics";
    private static final String SHOPS = "privacy-shops";

    @Autowired
    AppUsers users;

    @Test
    void aDataRequestIsExportedAndARedactionErasesTheCustomer() {
        Person person = uniquePerson(8, "Yêucầu", "Xóabỏ", "Yeucau.Xoabo@Example.VN", "+84966554433", "0966 554 433");
        workspace(WS);
        syncedShop("topics-shop", WS);
        long identity = identityOf("topics-shop", "customer", Long.toString(person.customerId()));
        long profile = profileOf("topics-shop", "customer", Long.toString(person.customerId()));
        assertThat(jdbc.queryForObject("select count(*) from identity_key where identity_id = ?", Integer.class, identity))
                .as("the customer's email and phone are keys").isGreaterThanOrEqualTo(2);
        String customer = "\"customer\":{\"id\":" + person.customerId() + ",\"email\":\"" + person.email()
                + "\",\"phone\":\"" + person.e164() + "\"}";
        String orders = person.orderIds().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();

        assertThat(shopify("topics-shop", "customers/data_request", "evt-dr-1", "{\"shop_id\":954889,\"shop_domain\":\""
                + SHOP + "\",\"orders_requested\":[" + orders + "]," + customer + ",\"data_request\":{\"id\":9999}}"))
                .isEqualTo(200);
        assertThat(shopify("topics-shop", "customers/redact", "evt-redact-bad", "{\"shop_id\":954889,\"shop_domain\":\""
                + SHOP + "\",\"orders_to_redact\":[]}")).isEqualTo(200);
        processWebhooks();

        Map<String, Object> exported = inbox("topics-shop", "evt-dr-1");
        assertThat(exported).containsEntry("status", "processed");
        long request = Long.parseLong(exported.get("outcome").toString().replace("exported: data request ", ""));
        JsonNode data = call("GET", "/api/data-requests/" + request, null, 200);
        assertThat(data.get("sourceRequest").asText()).isEqualTo("9999");
        assertThat(data.get("connection").asText()).isEqualTo("topics-shop");
        assertThat(data.at("/export/customers/0/email").asText()).isEqualTo(person.email());
        assertThat(each(data.at("/export/orders"), "external_id"))
                .containsExactlyInAnyOrderElementsOf(person.orderIds().stream().map(String::valueOf).toList());
        assertThat(data.at("/export/profile/id").asLong()).isEqualTo(profile);
        assertThat(each(call("GET", "/api/data-requests", null, 200), "id")).contains(Long.toString(request));
        workspace("privacy-c");
        if (!users.exists("privacy-merchant-c")) {
            users.create("privacy-merchant-c", "merchant-pass", Role.MERCHANT, "privacy-c");
        }
        assertThat(send("GET", "/api/data-requests", null, "privacy-merchant-c", "merchant-pass").body()).isEqualTo("[]");
        assertThat(send("GET", "/api/data-requests/" + request, null, "privacy-merchant-c", "merchant-pass").statusCode())
                .as("another workspace's data request").isEqualTo(404);
        assertThat(inbox("topics-shop", "evt-redact-bad")).containsEntry("status", "failed")
                .containsEntry("outcome", "customers/redact names no customer at /customer/id of its body");

        assertThat(shopify("topics-shop", "customers/redact", "evt-redact-1", "{\"shop_id\":954889,\"shop_domain\":\""
                + SHOP + "\"," + customer + ",\"orders_to_redact\":[" + orders + "]}")).isEqualTo(200);
        processWebhooks();

        Map<String, Object> redacted = inbox("topics-shop", "evt-redact-1");
        assertThat(redacted).containsEntry("status", "processed");
        long erasure = Long.parseLong(redacted.get("outcome").toString().replace("erased: erasure ", ""));
        JsonNode asked = completedErasure(erasure);
        assertThat(asked.get("origin").asText()).isEqualTo("shopify customers/redact");
        assertThat(asked.get("profile").asLong()).isEqualTo(profile);
        assertThat(jdbc.queryForList("select email from customer where connection_id = 'topics-shop' and external_id = ?",
                String.class, Long.toString(person.customerId()))).containsExactly((String) null);
        assertThat(jdbc.queryForObject("select count(*) from sales_order where connection_id = 'topics-shop'"
                + " and email_normalized = ?", Integer.class, person.email().toLowerCase())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where connection_id = 'topics-shop'"
                + " and strpos(lower(body::text), ?) > 0", Integer.class, person.email().toLowerCase()))
                .as("the privacy deliveries themselves named the person").isZero();
        call("GET", "/api/data-requests/" + request, null, 404);
        assertThat(jdbc.queryForObject("select count(*) from identity_key where identity_id = ?", Integer.class, identity))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where entity = 'privacy' and status = 'pending'",
                Integer.class)).isZero();
    }

    @Test
    void aShopRedactionRemovesThatConnectionsDataAndNothingElseAndSplitsWhatOnlyItJoined() {
        workspace(SHOPS);
        // a customer both connections will hold, and nobody else (the shop is shared with other tests, whose people
        // may meet in a profile): resolution joins the two copies
        Customer twice = new Customer(shop().newId(), OffsetDateTime.now());
        twice.firstName = "Hai";
        twice.lastName = "Nơi";
        twice.email = "hai.noi." + twice.id + "@example.vn";
        shop().add(twice);
        syncedShop("kept-shop", SHOPS);
        // a customer the shop got after kept-shop's sync: gone-shop alone holds them
        Customer newcomer = new Customer(shop().newId(), OffsetDateTime.now());
        newcomer.firstName = "Mới";
        newcomer.lastName = "Đến";
        newcomer.email = "moi.den." + newcomer.id + "@example.vn";
        shop().add(newcomer);
        // and one whose email and phone join two Stripe customers of the workspace that share nothing else
        Customer bridge = new Customer(shop().newId(), OffsetDateTime.now());
        bridge.firstName = "Cầu";
        bridge.lastName = "Nối";
        bridge.email = "cau.noi." + bridge.id + "@example.vn";
        bridge.phone = String.format("+8490%07d", bridge.id % 10_000_000);
        shop().add(bridge);
        stripeConnection("kept-stripe", SHOPS);
        assertThat(stripe("kept-stripe", stripeCustomerEvent("evt_bridge_mail", "cus_BridgeMail", "\"" + bridge.email + "\"",
                "null"))).isEqualTo(200);
        assertThat(stripe("kept-stripe", stripeCustomerEvent("evt_bridge_phone", "cus_BridgePhone", "null",
                "\"" + bridge.phone + "\""))).isEqualTo(200);
        processWebhooks();
        assertThat(profileOf("kept-stripe", "customer", "cus_BridgeMail"))
                .isNotEqualTo(profileOf("kept-stripe", "customer", "cus_BridgePhone"));
        syncedShop("gone-shop", SHOPS);
        long bridged = profileOf("gone-shop", "customer", Long.toString(bridge.id));
        assertThat(profileOf("kept-stripe", "customer", "cus_BridgeMail")).as("same email").isEqualTo(bridged);
        assertThat(profileOf("kept-stripe", "customer", "cus_BridgePhone")).as("same phone").isEqualTo(bridged);
        long lonely = profileOf("gone-shop", "customer", Long.toString(newcomer.id));
        assertThat(jdbc.queryForList("select connection_id from identity where profile_id = ?", String.class, lonely))
                .containsExactly("gone-shop");
        long shared = profileOf("gone-shop", "customer", Long.toString(twice.id));
        assertThat(profileOf("kept-shop", "customer", Long.toString(twice.id))).isEqualTo(shared);
        assertThat(jdbc.queryForList("select connection_id from identity where profile_id = ?", String.class, shared))
                .containsExactlyInAnyOrder("gone-shop", "kept-shop");
        assertThat(mergeRules(shared)).isNotEmpty();
        jdbc.update("insert into dead_letter (workspace_id, connection_id, entity, external_id, reason, payload)"
                + " values (?, 'gone-shop', 'order', '1', 'test', '{}')", SHOPS);
        Map<String, Integer> keptBefore = counts("kept-shop");

        assertThat(shopify("gone-shop", "shop/redact", "evt-shop-redact", "{\"shop_id\":954889,\"shop_domain\":\""
                + SHOP + "\"}")).isEqualTo(200);
        processWebhooks();

        assertThat(inbox("gone-shop", "evt-shop-redact")).containsEntry("status", "processed");
        Map<String, Integer> gone = counts("gone-shop");
        assertThat(gone).containsEntry("webhook_inbox", 1).containsEntry("connection", 1).containsEntry("sync_job", 1);
        gone.entrySet().stream().filter(e -> !e.getKey().equals("webhook_inbox") && !ShopRemoval.KEPT.contains(e.getKey()))
                .forEach(e -> assertThat(e.getValue()).as("%s rows of the removed shop", e.getKey()).isZero());
        assertThat(counts("kept-shop")).as("the other connection of the same shop").isEqualTo(keptBefore);
        assertThat(keptBefore.get("customer")).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from profile where id = ?", Integer.class, lonely)).isZero();
        long mail = profileOf("kept-stripe", "customer", "cus_BridgeMail");
        long phone = profileOf("kept-stripe", "customer", "cus_BridgePhone");
        assertThat(mail).as("joined only through the removed shop's customer: apart again").isNotEqualTo(phone);
        assertThat(jdbc.queryForObject("select count(*) from identity where profile_id in (?, ?)", Integer.class, mail, phone))
                .isEqualTo(2);
        assertThat(jdbc.queryForList("select connection_id from identity where profile_id = ?", String.class, shared))
                .containsExactly("kept-shop");
        assertThat(jdbc.queryForObject("select count(*) from profile p where p.workspace_id = ? and not exists"
                + " (select 1 from identity i where i.profile_id = p.id)", Integer.class, SHOPS))
                .as("profiles left with no identities").isZero();
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where entity = 'privacy' and status = 'pending'",
                Integer.class)).isZero();
    }

    /** A signed-webhook body: Stripe tells of customer {@code id} with {@code email} and {@code phone} (JSON values). */
    private static String stripeCustomerEvent(String eventId, String id, String email, String phone) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":1746100500,"
                + "\"data\":{\"object\":{\"id\":\"" + id + "\",\"object\":\"customer\",\"created\":1746100000,\"email\":"
                + email + ",\"name\":\"Cầu Nối\",\"phone\":" + phone + ",\"address\":null,\"deleted\":false,\"metadata\":{}}}}";
    }

    /** Rows of the connection in every table with a connection_id column. */
    private Map<String, Integer> counts(String connection) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.queryForList("""
                select c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and c.column_name = 'connection_id' and t.table_type = 'BASE TABLE'
                order by 1""", String.class).forEach(table -> counts.put(table, jdbc.queryForObject(
                "select count(*) from " + table + " where connection_id = ?", Integer.class, connection)));
        counts.put("connection", jdbc.queryForObject("select count(*) from connection where id = ?", Integer.class, connection));
        return counts;
    }

    private Map<String, Object> inbox(String connection, String eventId) {
        return jdbc.queryForMap("select status, outcome from webhook_inbox where connection_id = ? and dedupe_key = ?",
                connection, "event:" + eventId);
    }
}
