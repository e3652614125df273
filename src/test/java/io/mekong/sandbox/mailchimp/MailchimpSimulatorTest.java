package io.mekong.sandbox.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.FakeTime;
import io.mekong.sandbox.targets.ConnectionLimit;
import io.mekong.sandbox.targets.TargetHttp;
import io.mekong.sandbox.targets.TargetHttp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Mailchimp simulator over real HTTP, mounted with its {@code /3.0} prefix: Basic auth with the key, members by
 * subscriber hash, tags, batch subscribe, archive and permanent delete (and the forgotten-email rule), the store's
 * customers and orders, the simultaneous-connection limit and an outage. Bodies follow Mailchimp's API reference
 * (https://mailchimp.com/developer/marketing/api/list-members/add-or-update-list-member/,
 * .../api/ecommerce-orders/add-order/).
 */
class MailchimpSimulatorTest {

    static final String KEY = "0123456789abcdef0123456789abcdef-us21";
    static final String LIST = "5e1a2b3c4d";
    static final String STORE = "store-vn";
    /** MD5 of "jane@example.com". */
    static final String JANE = MailchimpMembers.hash("jane@example.com");

    private final FakeTime time = new FakeTime();
    private final ConnectionLimit connections = new ConnectionLimit(2);
    private final MailchimpSimulator mailchimp = new MailchimpSimulator(new MailchimpAccount(KEY, "us21", LIST, STORE, "VND"),
            connections, time);
    private final TargetHttp http = TargetHttp.serve(mailchimp);

    @AfterEach
    void stop() {
        http.close();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Reply call(String method, String path, String body) {
        return http.send(method, "/3.0" + path, body, "Authorization", basic("anystring", KEY), "Content-Type", "application/json");
    }

    private Reply put(String email, String rest) {
        return call("PUT", "/lists/" + LIST + "/members/" + MailchimpMembers.hash(email),
                "{\"email_address\":\"" + email + "\"" + rest + "}");
    }

    @Test
    void aCallWithoutTheKeyOrWithAnotherIsRefusedAsProblemJson() {
        Reply none = http.send("GET", "/3.0/lists/" + LIST + "/members/" + JANE, null);
        Reply wrong = http.send("GET", "/3.0/lists/" + LIST + "/members/" + JANE, null, "Authorization",
                basic("anystring", "ffffffffffffffffffffffffffffffff-us21"));

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("title").asText()).isEqualTo("API Key Missing");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("title").asText()).isEqualTo("API Key Invalid");
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.json().get("type").asText()).isEqualTo("https://mailchimp.com/developer/marketing/docs/errors/");
    }

    @Test
    void puttingAMemberTwiceKeepsOneMemberAndStatusIfNewOnlyAppliesToANewOne() {
        Reply first = put("Jane@Example.com", ",\"status_if_new\":\"subscribed\",\"merge_fields\":{\"FNAME\":\"Jane\"}");
        Reply second = put("jane@example.com", ",\"status_if_new\":\"unsubscribed\",\"merge_fields\":{\"LNAME\":\"Doe\",\"PHONE\":\"+84901234567\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("id").asText()).isEqualTo(JANE);
        assertThat(second.json().get("status").asText()).isEqualTo("subscribed");
        assertThat(second.json().at("/merge_fields/FNAME").asText()).isEqualTo("Jane");
        assertThat(second.json().at("/merge_fields/LNAME").asText()).isEqualTo("Doe");
        assertThat(mailchimp.memberCount()).isEqualTo(1);

        Reply unsubscribed = put("jane@example.com", ",\"status\":\"unsubscribed\"");
        assertThat(unsubscribed.json().get("status").asText()).isEqualTo("unsubscribed");
        assertThat(call("GET", "/lists/" + LIST + "/members/" + JANE, null).json().get("status").asText()).isEqualTo("unsubscribed");
    }

    @Test
    void aHashThatIsNotTheMd5OfTheLowerCasedEmailIsAnInvalidResource() {
        Reply wrongHash = call("PUT", "/lists/" + LIST + "/members/" + MailchimpMembers.hash("john@example.com"),
                "{\"email_address\":\"jane@example.com\",\"status_if_new\":\"subscribed\"}");
        Reply noStatus = put("jane@example.com", "");

        assertThat(wrongHash.status()).isEqualTo(400);
        assertThat(wrongHash.json().get("title").asText()).isEqualTo("Invalid Resource");
        assertThat(noStatus.status()).isEqualTo(400);
        assertThat(noStatus.json().at("/errors/0/field").asText()).isEqualTo("status_if_new");
        assertThat(mailchimp.memberCount()).isZero();
        assertThat(call("PUT", "/lists/nosuchlist/members/" + JANE, "{}").status()).isEqualTo(404);
    }

    @Test
    void tagsAreSetActiveOrInactiveOnAMember() {
        put("jane@example.com", ",\"status_if_new\":\"subscribed\"");

        Reply tagged = call("POST", "/lists/" + LIST + "/members/" + JANE + "/tags",
                "{\"tags\":[{\"name\":\"VIP\",\"status\":\"active\"},{\"name\":\"Repeat buyer\",\"status\":\"active\"}]}");
        call("POST", "/lists/" + LIST + "/members/" + JANE + "/tags", "{\"tags\":[{\"name\":\"VIP\",\"status\":\"inactive\"}]}");
        Reply unknown = call("POST", "/lists/" + LIST + "/members/" + MailchimpMembers.hash("x@example.com") + "/tags",
                "{\"tags\":[{\"name\":\"VIP\",\"status\":\"active\"}]}");

        assertThat(tagged.status()).isEqualTo(204);
        assertThat(mailchimp.member("jane@example.com").get("tags").findValuesAsText("name")).containsExactly("Repeat buyer");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aBatchSubscribeCreatesUpdatesOrReportsEachMemberAndTakesAtMost500() {
        put("jane@example.com", ",\"status_if_new\":\"subscribed\"");
        String batch = "{\"members\":[{\"email_address\":\"jane@example.com\",\"status\":\"subscribed\"},"
                + "{\"email_address\":\"john@example.com\",\"status\":\"subscribed\",\"merge_fields\":{\"FNAME\":\"John\"}},"
                + "{\"email_address\":\"not-an-email\",\"status\":\"subscribed\"}]";

        Reply without = call("POST", "/lists/" + LIST, batch + "}");
        Reply with = call("POST", "/lists/" + LIST, batch + ",\"update_existing\":true}");
        String tooMany = IntStream.range(0, MailchimpSimulator.MAX_BATCH_MEMBERS + 1)
                .mapToObj(i -> "{\"email_address\":\"m" + i + "@example.com\",\"status\":\"subscribed\"}").collect(Collectors.joining(","));
        Reply refused = call("POST", "/lists/" + LIST, "{\"members\":[" + tooMany + "]}");

        assertThat(without.json().get("total_created").asInt()).isEqualTo(1);
        assertThat(without.json().get("error_count").asInt()).isEqualTo(2);
        assertThat(without.json().at("/errors/0/error_code").asText()).isEqualTo("ERROR_CONTACT_EXISTS");
        assertThat(with.json().get("total_updated").asInt()).isEqualTo(2);
        assertThat(with.json().get("error_count").asInt()).isEqualTo(1);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(mailchimp.memberCount()).isEqualTo(2);
    }

    @Test
    void anArchivedMemberStaysArchivedAndAPermanentlyDeletedEmailCanNeverBeAddedAgain() {
        put("jane@example.com", ",\"status_if_new\":\"subscribed\",\"merge_fields\":{\"FNAME\":\"Jane\"}");
        put("john@example.com", ",\"status_if_new\":\"subscribed\"");

        assertThat(call("DELETE", "/lists/" + LIST + "/members/" + MailchimpMembers.hash("john@example.com"), null).status()).isEqualTo(204);
        assertThat(mailchimp.member("john@example.com").get("status").asText()).isEqualTo("archived");

        Reply deleted = call("POST", "/lists/" + LIST + "/members/" + JANE + "/actions/delete-permanent", null);
        Reply readded = put("jane@example.com", ",\"status_if_new\":\"subscribed\"");
        Reply inBatch = call("POST", "/lists/" + LIST, "{\"members\":[{\"email_address\":\"JANE@example.com\",\"status\":\"subscribed\"}]}");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(call("GET", "/lists/" + LIST + "/members/" + JANE, null).status()).isEqualTo(404);
        assertThat(readded.status()).isEqualTo(400);
        assertThat(readded.json().get("title").asText()).isEqualTo("Forgotten Email Not Subscribed");
        assertThat(readded.json().get("detail").asText()).isEqualTo("jane@example.com was permanently deleted and cannot be"
                + " re-imported. The contact must re-subscribe to get back on the list.");
        assertThat(inBatch.json().get("error_count").asInt()).isEqualTo(1);
        assertThat(mailchimp.isForgotten("Jane@Example.com")).isTrue();
        JsonNode state = http.state();
        assertThat(state.toString()).doesNotContain("jane@example.com").doesNotContain("Jane").doesNotContain(JANE);
        assertThat(state.at("/deletions/permanent").asInt()).isEqualTo(1);
        // archiving brings the member back on a later upsert, as status_if_new says
        assertThat(put("john@example.com", ",\"status_if_new\":\"pending\"").json().get("status").asText()).isEqualTo("pending");
    }

    @Test
    void customersAreUpsertedOrdersCreatedOnceAndPatchedAndThereIsNoPutOnOrders() {
        String customer = "{\"id\":\"c1\",\"email_address\":\"jane@example.com\",\"opt_in_status\":false,\"first_name\":\"Jane\"}";
        String order = "{\"id\":\"1001\",\"customer\":{\"id\":\"c1\"},\"currency_code\":\"VND\",\"order_total\":250000,"
                + "\"financial_status\":\"paid\",\"lines\":[{\"id\":\"l1\",\"product_id\":\"p1\",\"product_variant_id\":\"v1\","
                + "\"quantity\":1,\"price\":250000}]}";
        String orders = "/ecommerce/stores/" + STORE + "/orders";

        assertThat(call("PUT", "/ecommerce/stores/" + STORE + "/customers/c1", customer).status()).isEqualTo(200);
        assertThat(call("PUT", "/ecommerce/stores/" + STORE + "/customers/c1", customer.replace("Jane", "Janet")).status()).isEqualTo(200);
        Reply created = call("POST", orders, order);
        Reply again = call("POST", orders, order);
        Reply patched = call("PATCH", orders + "/1001", "{\"fulfillment_status\":\"shipped\"}");
        Reply missing = call("PATCH", orders + "/9999", "{\"fulfillment_status\":\"shipped\"}");
        Reply put = call("PUT", orders + "/1001", order);

        assertThat(created.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(400);
        assertThat(patched.json().get("fulfillment_status").asText()).isEqualTo("shipped");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).isEqualTo("DELETE, GET, PATCH");
        assertThat(mailchimp.order("1001").at("/customer/first_name").asText()).isEqualTo("Janet");
        // a new e-commerce customer who did not opt in joins the list as transactional
        assertThat(mailchimp.member("jane@example.com").get("status").asText()).isEqualTo("transactional");
        JsonNode store = http.state().get("store");
        assertThat(store.get("customerCount").asInt()).isEqualTo(1);
        assertThat(store.get("orderCount").asInt()).isEqualTo(1);

        assertThat(call("DELETE", "/ecommerce/stores/" + STORE + "/customers/c1", null).status()).isEqualTo(204);
        assertThat(http.state().get("store").toString()).doesNotContain("jane@example.com");
        assertThat(call("POST", "/ecommerce/stores/other/orders", order).status()).isEqualTo(404);
    }

    @Test
    void beyondTheSimultaneousConnectionsOfAKeyACallGets429() {
        put("jane@example.com", ",\"status_if_new\":\"subscribed\"");
        assertThat(connections.tryOpen(KEY)).isTrue();
        assertThat(connections.tryOpen(KEY)).isTrue();

        Reply refused = call("GET", "/lists/" + LIST + "/members/" + JANE, null);
        connections.close(KEY);
        Reply served = call("GET", "/lists/" + LIST + "/members/" + JANE, null);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().get("detail").asText()).isEqualTo("You have exceeded the limit of 2 simultaneous connections.");
        assertThat(served.status()).isEqualTo(200);
    }

    @Test
    void anOutageAnswersEveryCallWithItsStatusUntilItEnds() {
        http.outage(429, 20);
        Reply throttled = put("jane@example.com", ",\"status_if_new\":\"subscribed\"");
        http.outage(500, 20);
        Reply failed = put("jane@example.com", ",\"status_if_new\":\"subscribed\"");
        http.endOutage();

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("20");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.header("Retry-After")).isNull();
        assertThat(mailchimp.memberCount()).isZero();
        assertThat(put("jane@example.com", ",\"status_if_new\":\"subscribed\"").status()).isEqualTo(200);
        assertThat(mailchimp.calls().of("PUT /lists/{list}/members/{hash}")).isEqualTo(3);
    }
}
