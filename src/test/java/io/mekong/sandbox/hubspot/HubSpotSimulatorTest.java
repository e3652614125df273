package io.mekong.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.FakeTime;
import io.mekong.sandbox.targets.TargetHttp;
import io.mekong.sandbox.targets.TargetHttp.Reply;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HubSpot simulator over real HTTP: bearer auth, contacts upserted in batches by email (duplicates in a batch,
 * partial failures, the 100-input limit), the 409 of a duplicate create, reads and updates by email on both path
 * styles, deals associated with contacts, GDPR delete, the rolling ten-second limit and an outage. Bodies follow the
 * API reference's examples (https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/contacts/batch/upsert-contacts).
 */
class HubSpotSimulatorTest {

    static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";

    private final FakeTime time = new FakeTime();
    private HubSpotSimulator hubspot = new HubSpotSimulator(new HubSpotAccount(TOKEN, 24000001, 1000), time);
    private TargetHttp http = TargetHttp.serve(hubspot);

    @AfterEach
    void stop() {
        http.close();
    }

    private Reply call(String method, String path, String body) {
        return http.send(method, path, body, "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
    }

    private static String upsert(String... inputs) {
        return "{\"inputs\":[" + String.join(",", inputs) + "]}";
    }

    private static String input(String email, String properties) {
        return "{\"idProperty\":\"email\",\"id\":\"" + email + "\",\"properties\":{" + properties + "}}";
    }

    @Test
    void aCallWithoutABearerTokenOrWithAnotherIsRefused() {
        Reply none = http.send("GET", "/crm/v3/objects/contacts/1", null);
        Reply wrong = http.send("GET", "/crm/v3/objects/contacts/1", null, "Authorization", "Bearer pat-na1-wrong");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
        assertThat(none.json().get("status").asText()).isEqualTo("error");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("pat-na1-wrong");
    }

    @Test
    void upsertingAContactTwiceByEmailKeepsOneContactWhateverTheCase() {
        Reply first = call("POST", "/crm/v3/objects/contacts/batch/upsert", upsert(input("Jane@Example.com", "\"firstname\":\"Jane\"")));
        Reply second = call("POST", "/crm/v3/objects/contacts/batch/upsert", upsert(input("jane@example.com", "\"lastname\":\"Doe\"")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("status").asText()).isEqualTo("COMPLETE");
        assertThat(first.json().at("/results/0/new").asBoolean()).isTrue();
        assertThat(second.json().at("/results/0/new").asBoolean()).isFalse();
        assertThat(second.json().at("/results/0/id").asText()).isEqualTo(first.json().at("/results/0/id").asText());
        assertThat(second.json().at("/results/0/properties/firstname").asText()).isEqualTo("Jane");
        assertThat(second.json().at("/results/0/properties/lastname").asText()).isEqualTo("Doe");
        assertThat(hubspot.contactCount()).isEqualTo(1);
    }

    @Test
    void twoInputsForOneContactInOneBatchFailTheBatch() {
        Reply refused = call("POST", "/crm/v3/objects/contacts/batch/upsert", upsert(input("jane@example.com", "\"firstname\":\"Jane\""),
                input("JANE@example.com", "\"firstname\":\"Janet\"")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("category").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(refused.json().get("message").asText()).isEqualTo("Duplicate IDs found in batch input: [jane@example.com]."
                + " IDs must be unique");
        assertThat(hubspot.contactCount()).isZero();
    }

    @Test
    void aBatchTakesAtMostAHundredInputsAndABadInputFailsAloneWith207() {
        String tooMany = upsert(IntStream.range(0, HubSpotSimulator.MAX_BATCH + 1)
                .mapToObj(i -> input("c" + i + "@example.com", "")).toArray(String[]::new));
        Reply refused = call("POST", "/crm/v3/objects/contacts/batch/upsert", tooMany);
        Reply partial = call("POST", "/crm/v3/objects/contacts/batch/upsert", upsert(input("jane@example.com", "\"firstname\":\"Jane\""),
                input("john@example.com", "\"favourite_colour\":\"blue\"")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(partial.status()).isEqualTo(207);
        assertThat(partial.json().get("results")).hasSize(1);
        assertThat(partial.json().get("numErrors").asInt()).isEqualTo(1);
        assertThat(partial.json().at("/errors/0/message").asText()).contains("PROPERTY_DOESNT_EXIST").contains("favourite_colour");
        assertThat(partial.json().at("/errors/0/context/ids/0").asText()).isEqualTo("john@example.com");
        assertThat(hubspot.contactCount()).isEqualTo(1);
    }

    @Test
    void creatingAContactWhoseEmailExistsIsAConflictNamingIt() {
        String id = call("POST", "/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"jane@example.com\"}}").json().get("id").asText();

        Reply conflict = call("POST", "/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"Jane@example.com\"}}");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("category").asText()).isEqualTo("CONFLICT");
        assertThat(conflict.json().get("message").asText()).isEqualTo("Contact already exists. Existing ID: " + id);
    }

    @Test
    void aContactIsReadAndUpdatedByEmailOnTheV3AndTheDateVersionedPaths() {
        call("POST", "/crm/objects/2026-03/contacts/batch/upsert", upsert(input("jane@example.com", "\"firstname\":\"Jane\"")));

        Reply patched = call("PATCH", "/crm/objects/2026-03/contacts/jane%40example.com?idProperty=email",
                "{\"properties\":{\"phone\":\"+84901234567\"}}");
        Reply read = call("GET", "/crm/v3/objects/contacts/JANE%40example.com?idProperty=email&properties=email,phone", null);
        Reply missing = call("GET", "/crm/v3/objects/contacts/nobody%40example.com?idProperty=email", null);

        assertThat(patched.status()).isEqualTo(200);
        assertThat(read.json().at("/properties/phone").asText()).isEqualTo("+84901234567");
        assertThat(read.json().get("properties").has("firstname")).isFalse();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
        assertThat(hubspot.calls().of("PATCH /crm/v3/objects/contacts/{id}", 200)).isEqualTo(1);
    }

    @Test
    void aDealIsCreatedAssociatedWithItsContactAndUpdatedInABatch() {
        String contact = call("POST", "/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"jane@example.com\"}}")
                .json().get("id").asText();
        String association = "\"associations\":[{\"to\":{\"id\":\"" + contact + "\"},\"types\":[{\"associationCategory\":"
                + "\"HUBSPOT_DEFINED\",\"associationTypeId\":3}]}]";

        Reply one = call("POST", "/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"Order #1001\",\"dealstage\":"
                + "\"closedwon\",\"amount\":\"250000\"}," + association + "}");
        Reply batch = call("POST", "/crm/v3/objects/deals/batch/create", "{\"inputs\":[{\"properties\":{\"dealname\":"
                + "\"Order #1002\",\"dealstage\":\"appointmentscheduled\"}," + association + "}]}");
        Reply wrongType = call("POST", "/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"Order #1003\",\"dealstage\":"
                + "\"closedwon\"}," + association.replace("\"associationTypeId\":3", "\"associationTypeId\":279") + "}");
        String dealId = batch.json().at("/results/0/id").asText();
        Reply updated = call("POST", "/crm/v3/objects/deals/batch/update", "{\"inputs\":[{\"id\":\"" + dealId
                + "\",\"properties\":{\"dealstage\":\"closedwon\"}},{\"id\":\"404404\",\"properties\":{\"dealstage\":\"closedwon\"}}]}");

        assertThat(one.status()).isEqualTo(201);
        assertThat(one.json().at("/associations/contacts/results/0/id").asText()).isEqualTo(contact);
        assertThat(batch.status()).isEqualTo(201);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(updated.status()).isEqualTo(207);
        assertThat(updated.json().at("/errors/0/category").asText()).isEqualTo("OBJECT_NOT_FOUND");
        assertThat(hubspot.deal(dealId).at("/properties/dealstage").asText()).isEqualTo("closedwon");
        assertThat(call("GET", "/crm/v3/objects/deals/" + dealId, null).json().at("/properties/pipeline").asText()).isEqualTo("default");
        assertThat(hubspot.dealCount()).isEqualTo(2);
    }

    private static final String ORDER_KEY_PROPERTY = "{\"name\":\"mekong_order_key\",\"label\":\"Mekong order key\","
            + "\"groupName\":\"dealinformation\",\"type\":\"string\",\"fieldType\":\"text\",\"hasUniqueValue\":true}";

    private static String dealUpsert(String key, String properties) {
        return "{\"inputs\":[{\"idProperty\":\"mekong_order_key\",\"id\":\"" + key + "\",\"properties\":{" + properties + "}}]}";
    }

    @Test
    void aUniqueDealPropertyIsReadAndCreatedOnceThroughThePropertiesApiAndABadDefinitionIsRefused() {
        Reply missing = call("GET", "/crm/v3/properties/deals/mekong_order_key", null);
        Reply created = call("POST", "/crm/v3/properties/deals", ORDER_KEY_PROPERTY);
        Reply again = call("POST", "/crm/properties/2026-03/deals", ORDER_KEY_PROPERTY);
        Reply badField = call("POST", "/crm/v3/properties/deals", ORDER_KEY_PROPERTY
                .replace("mekong_order_key", "other").replace("\"text\"", "\"number\""));
        Reply noGroup = call("POST", "/crm/v3/properties/deals", ORDER_KEY_PROPERTY
                .replace("mekong_order_key", "other").replace("\"groupName\":\"dealinformation\",", ""));
        Reply read = call("GET", "/crm/v3/properties/deals/mekong_order_key", null);
        Reply builtIn = call("GET", "/crm/v3/properties/deals/dealname", null);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(created.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(409);
        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.json().get("message").asText()).contains("fieldType").contains("number");
        assertThat(noGroup.status()).isEqualTo(400);
        assertThat(noGroup.json().get("message").asText()).contains("groupName");
        assertThat(read.json().get("hasUniqueValue").asBoolean()).isTrue();
        assertThat(builtIn.json().get("hubspotDefined").asBoolean()).isTrue();
        assertThat(builtIn.json().get("hasUniqueValue").asBoolean()).isFalse();
    }

    @Test
    void dealsUpsertedByAUniquePropertyStayOneDealPerValueAndACreateWithATakenValueIsAConflict() {
        Reply notUnique = call("POST", "/crm/v3/objects/deals/batch/upsert", dealUpsert("shop/1001",
                "\"dealname\":\"Order #1001\",\"dealstage\":\"closedwon\""));
        call("POST", "/crm/v3/properties/deals", ORDER_KEY_PROPERTY);
        Reply first = call("POST", "/crm/v3/objects/deals/batch/upsert", dealUpsert("shop/1001",
                "\"dealname\":\"Order #1001\",\"dealstage\":\"closedwon\",\"amount\":\"50\""));
        Reply second = call("POST", "/crm/objects/2026-03/deals/batch/upsert", dealUpsert("shop/1001",
                "\"dealname\":\"Order #1001\",\"dealstage\":\"closedwon\",\"amount\":\"75\""));
        Reply unknown = call("POST", "/crm/v3/objects/deals/batch/upsert", dealUpsert("shop/1002",
                "\"dealname\":\"Order #1002\",\"dealstage\":\"closedwon\",\"colour\":\"red\""));
        Reply taken = call("POST", "/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"Copy\",\"dealstage\":"
                + "\"closedwon\",\"mekong_order_key\":\"shop/1001\"}}");
        String dealId = first.json().at("/results/0/id").asText();

        assertThat(notUnique.status()).isEqualTo(400);
        assertThat(notUnique.json().get("message").asText()).contains("mekong_order_key").contains("hasUniqueValue");
        assertThat(first.json().at("/results/0/new").asBoolean()).isTrue();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().at("/results/0/new").asBoolean()).isFalse();
        assertThat(second.json().at("/results/0/id").asText()).isEqualTo(dealId);
        assertThat(unknown.status()).isEqualTo(207);
        assertThat(unknown.json().at("/errors/0/message").asText()).contains("colour").contains("does not exist");
        assertThat(unknown.json().at("/errors/0/context/ids/0").asText()).isEqualTo("shop/1002");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("message").asText()).contains("Existing ID: " + dealId);
        assertThat(hubspot.dealCount()).isEqualTo(1);
        assertThat(hubspot.dealBy("mekong_order_key", "shop/1001").at("/properties/amount").asText()).isEqualTo("75");
    }

    @Test
    void aDealIsAssociatedWithAContactByTheV4DefaultAssociationOnceHoweverOftenAndAnUnknownObjectRefusesTheBatch() {
        String contact = call("POST", "/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"jane@example.com\"}}")
                .json().get("id").asText();
        String deal = call("POST", "/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"Order #1\",\"dealstage\":"
                + "\"closedwon\"}}").json().get("id").asText();
        String association = "{\"inputs\":[{\"from\":{\"id\":\"" + deal + "\"},\"to\":{\"id\":\"" + contact + "\"}}]}";

        Reply first = call("POST", "/crm/v4/associations/deals/contacts/batch/associate/default", association);
        Reply second = call("POST", "/crm/v4/associations/deals/contacts/batch/associate/default", association);
        Reply unknown = call("POST", "/crm/v4/associations/deals/contacts/batch/associate/default",
                association.replace(contact, "404404"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().at("/results/0/associationSpec/associationTypeId").asInt()).isEqualTo(3);
        assertThat(second.status()).isEqualTo(200);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).contains("404404");
        assertThat(hubspot.deal(deal).at("/associations/contacts/results").size()).isEqualTo(1);
    }

    @Test
    void aGdprDeleteErasesTheContactAndItsAssociationsSoTheStateShowsNoTrace() {
        String contact = call("POST", "/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"jane@example.com\",\"firstname\":\"Jane\"}}")
                .json().get("id").asText();
        String deal = call("POST", "/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"Order #1001\",\"dealstage\":\"closedwon\"},"
                + "\"associations\":[{\"to\":{\"id\":\"" + contact + "\"},\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\","
                + "\"associationTypeId\":3}]}]}").json().get("id").asText();

        Reply deleted = call("POST", "/crm/v3/objects/contacts/gdpr-delete", "{\"objectId\":\"Jane@example.com\",\"idProperty\":\"email\"}");
        Reply again = call("POST", "/crm/v3/objects/contacts/gdpr-delete", "{\"objectId\":\"jane@example.com\",\"idProperty\":\"email\"}");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(404);
        JsonNode state = http.state();
        assertThat(state.toString()).doesNotContain("jane@example.com").doesNotContain("Jane");
        assertThat(state.at("/deletions/0/objectId").asText()).isEqualTo(contact);
        assertThat(hubspot.deal(deal).has("associations")).isFalse();
        assertThat(hubspot.contactByEmail("jane@example.com")).isNull();
    }

    @Test
    void theRollingTenSecondWindowAnswers429RateLimitWithRetryAfter() {
        http.close();
        hubspot = new HubSpotSimulator(new HubSpotAccount(TOKEN, 24000001, 3), time);
        http = TargetHttp.serve(hubspot);
        Reply first = call("GET", "/crm/v3/objects/contacts/1", null);
        time.sleep(Duration.ofSeconds(4));
        call("GET", "/crm/v3/objects/contacts/1", null);
        call("GET", "/crm/v3/objects/contacts/1", null);
        Reply throttled = call("GET", "/crm/v3/objects/contacts/1", null);

        assertThat(first.header("X-HubSpot-RateLimit-Max")).isEqualTo("3");
        assertThat(first.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("2");
        assertThat(first.header("X-HubSpot-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("errorType").asText()).isEqualTo("RATE_LIMIT");
        assertThat(throttled.json().get("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
        // the first call leaves the window 10 s after it was made, 6 s from now
        assertThat(throttled.header("Retry-After")).isEqualTo("6");
        time.sleep(Duration.ofSeconds(6));
        assertThat(call("GET", "/crm/v3/objects/contacts/1", null).status()).isEqualTo(404);
    }

    @Test
    void anOutageEndsAtItsTimeWithoutBeingEnded() {
        http.outage(503, 30);
        Reply down = call("POST", "/crm/v3/objects/contacts/batch/upsert", upsert(input("jane@example.com", "")));
        time.sleep(Duration.ofSeconds(30));
        Reply back = call("POST", "/crm/v3/objects/contacts/batch/upsert", upsert(input("jane@example.com", "")));

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("Retry-After")).isEqualTo("30");
        assertThat(back.status()).isEqualTo(200);
        assertThat(http.state().get("outage").isNull()).isTrue();
        assertThat(hubspot.calls().of("POST /crm/v3/objects/contacts/batch/upsert", 503)).isEqualTo(1);
    }
}
