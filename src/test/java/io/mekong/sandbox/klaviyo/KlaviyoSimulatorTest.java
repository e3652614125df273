package io.mekong.sandbox.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.FakeTime;
import io.mekong.sandbox.targets.TargetHttp;
import io.mekong.sandbox.targets.TargetHttp.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Klaviyo simulator over real HTTP: auth and revision, profile upserts and duplicates, bulk jobs, events
 * deduplicated by metric and unique_id, subscriptions, deletion, the account's fixed windows and an outage. Bodies are
 * written as Klaviyo's API reference shows them (https://developers.klaviyo.com/en/reference/create_or_update_profile,
 * .../create_event, .../bulk_subscribe_profiles, .../request_profile_deletion).
 */
class KlaviyoSimulatorTest {

    static final String KEY = "pk_" + "0123456789abcdef".repeat(2);
    static final String REVISION = "2024-10-15";

    private final FakeTime time = new FakeTime(Instant.parse("2025-06-01T10:00:00.200Z"));
    private KlaviyoSimulator klaviyo = new KlaviyoSimulator(new KlaviyoAccount(KEY, 1000, 10_000), time);
    private TargetHttp http = TargetHttp.serve(klaviyo);

    @AfterEach
    void stop() {
        http.close();
    }

    private void limits(int burst, int steady) {
        http.close();
        klaviyo = new KlaviyoSimulator(new KlaviyoAccount(KEY, burst, steady), time);
        http = TargetHttp.serve(klaviyo);
    }

    private Reply call(String method, String path, String body) {
        return http.send(method, path, body, "Authorization", "Klaviyo-API-Key " + KEY, "revision", REVISION,
                "Content-Type", "application/vnd.api+json");
    }

    private static String profile(String attributes) {
        return "{\"data\":{\"type\":\"profile\",\"attributes\":{" + attributes + "}}}";
    }

    private static String event(String metric, String uniqueId, String email) {
        return "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{\"OrderId\":\"1001\"},\"time\":\"2025-05-30T08:00:00Z\","
                + "\"value\":9.99,\"value_currency\":\"USD\"" + (uniqueId == null ? "" : ",\"unique_id\":\"" + uniqueId + "\"")
                + ",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + metric + "\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}}}}";
    }

    @Test
    void aCallWithoutTheKlaviyoKeySchemeOrWithAnotherKeyIsRefused() {
        Reply none = http.send("GET", "/api/profiles", null, "revision", REVISION);
        Reply bearer = http.send("GET", "/api/profiles", null, "Authorization", "Bearer " + KEY, "revision", REVISION);
        Reply wrong = http.send("GET", "/api/profiles", null, "Authorization", "Klaviyo-API-Key pk_wrong", "revision", REVISION);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().at("/errors/0/code").asText()).isEqualTo("not_authenticated");
        assertThat(none.json().at("/errors/0/title").asText()).isEqualTo("Authentication credentials were not provided.");
        assertThat(bearer.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().at("/errors/0/code").asText()).isEqualTo("authentication_failed");
        assertThat(wrong.body()).doesNotContain(KEY);
    }

    @Test
    void theRevisionHeaderIsRequiredAndMustNameAPublishedRevision() {
        Reply missing = http.send("GET", "/api/profiles", null, "Authorization", "Klaviyo-API-Key " + KEY);
        Reply tooOld = http.send("GET", "/api/profiles", null, "Authorization", "Klaviyo-API-Key " + KEY, "revision", "2019-01-01");
        Reply future = http.send("GET", "/api/profiles", null, "Authorization", "Klaviyo-API-Key " + KEY, "revision", "2030-01-15");
        Reply malformed = http.send("GET", "/api/profiles", null, "Authorization", "Klaviyo-API-Key " + KEY, "revision", "v3");
        Reply pre = http.send("GET", "/api/profiles", null, "Authorization", "Klaviyo-API-Key " + KEY, "revision", "2025-04-15.pre");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/errors/0/detail").asText()).contains("'revision' header is required");
        assertThat(tooOld.status()).isEqualTo(400);
        assertThat(future.status()).isEqualTo(400);
        assertThat(malformed.json().at("/errors/0/detail").asText()).contains("Invalid revision 'v3'");
        assertThat(pre.status()).isEqualTo(200);
    }

    @Test
    void importingAProfileTwiceKeepsOneProfileFoundByItsEmailWhateverItsCase() {
        Reply first = call("POST", "/api/profile-import", profile("\"email\":\"Jane@Example.com\",\"first_name\":\"Jane\""));
        Reply second = call("POST", "/api/profile-import", profile("\"email\":\"jane@example.com\",\"last_name\":\"Doe\","
                + "\"properties\":{\"tier\":\"gold\"}"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().at("/data/id").asText()).isEqualTo(first.json().at("/data/id").asText());
        assertThat(second.json().at("/data/attributes/first_name").asText()).isEqualTo("Jane");
        assertThat(second.json().at("/data/attributes/last_name").asText()).isEqualTo("Doe");
        assertThat(second.header("Content-Type")).isEqualTo("application/vnd.api+json");
        assertThat(klaviyo.profileCount()).isEqualTo(1);

        Reply filtered = call("GET", "/api/profiles?filter=equals(email,%22jane@example.com%22)", null);
        assertThat(filtered.json().get("data")).hasSize(1);
        assertThat(filtered.json().at("/data/0/attributes/properties/tier").asText()).isEqualTo("gold");
    }

    @Test
    void creatingAProfileWhoseEmailExistsIsAConflictNamingTheExistingProfile() {
        String id = call("POST", "/api/profiles", profile("\"email\":\"jane@example.com\"")).json().at("/data/id").asText();

        Reply duplicate = call("POST", "/api/profiles", profile("\"email\":\"JANE@example.com\",\"phone_number\":\"+84901234567\""));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().at("/errors/0/code").asText()).isEqualTo("duplicate_profile");
        assertThat(duplicate.json().at("/errors/0/meta/duplicate_profile_id").asText()).isEqualTo(id);
        assertThat(klaviyo.profileCount()).isEqualTo(1);
    }

    @Test
    void aProfileIsUpdatedAndReadByItsIdAndAnIdentifierOfAnotherProfileIsRefused() {
        String jane = call("POST", "/api/profiles", profile("\"email\":\"jane@example.com\"")).json().at("/data/id").asText();
        String john = call("POST", "/api/profiles", profile("\"email\":\"john@example.com\"")).json().at("/data/id").asText();

        Reply patched = call("PATCH", "/api/profiles/" + jane, "{\"data\":{\"type\":\"profile\",\"id\":\"" + jane
                + "\",\"attributes\":{\"phone_number\":\"+84901234567\"}}}");
        Reply stolen = call("PATCH", "/api/profiles/" + john, "{\"data\":{\"type\":\"profile\",\"id\":\"" + john
                + "\",\"attributes\":{\"email\":\"jane@example.com\"}}}");
        Reply badPhone = call("POST", "/api/profile-import", profile("\"phone_number\":\"0901234567\""));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(call("GET", "/api/profiles/" + jane, null).json().at("/data/attributes/phone_number").asText())
                .isEqualTo("+84901234567");
        assertThat(stolen.status()).isEqualTo(409);
        assertThat(stolen.json().at("/errors/0/meta/duplicate_profile_id").asText()).isEqualTo(jane);
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.json().at("/errors/0/source/pointer").asText()).isEqualTo("/data/attributes/phone_number");
        assertThat(call("GET", "/api/profiles/01JMEK00000000000000000ZZZ", null).status()).isEqualTo(404);
    }

    @Test
    void aBulkImportJobUpsertsItsProfilesAndReportsItselfCompleteWithCounts() {
        String profiles = IntStream.range(0, 3).mapToObj(i -> "{\"type\":\"profile\",\"attributes\":{\"email\":\"p" + i
                + "@example.com\"}}").collect(Collectors.joining(","));
        call("POST", "/api/profile-import", profile("\"email\":\"p0@example.com\""));

        Reply job = call("POST", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":\"profile-bulk-import-job\","
                + "\"attributes\":{\"profiles\":{\"data\":[" + profiles + ",{\"type\":\"profile\",\"attributes\":{}}]}},"
                + "\"relationships\":{\"lists\":{\"data\":[{\"type\":\"list\",\"id\":\"Y6nRLr\"}]}}}}");
        String path = "/api/profile-bulk-import-jobs/" + job.json().at("/data/id").asText();
        Reply processing = call("GET", path, null);
        int profilesWhileProcessing = klaviyo.profileCount();
        Reply polled = call("GET", path, null);
        Reply imported = call("GET", path + "/profiles?page%5Bsize%5D=2", null);
        Reply errors = call("GET", path + "/import-errors", null);

        assertThat(job.status()).isEqualTo(202);
        assertThat(job.json().at("/data/attributes/status").asText()).isEqualTo("queued");
        assertThat(processing.json().at("/data/attributes/status").asText()).isEqualTo("processing");
        assertThat(profilesWhileProcessing).as("nothing imported before the job completes").isEqualTo(1);
        assertThat(polled.json().at("/data/attributes/status").asText()).isEqualTo("complete");
        assertThat(imported.json().path("data")).hasSize(2);
        assertThat(imported.json().at("/links/next").asText()).contains("page%5Bcursor%5D=");
        assertThat(errors.json().path("data")).singleElement()
                .satisfies(e -> assertThat(e.at("/attributes/detail").asText()).contains("One of email"));
        assertThat(polled.json().at("/data/attributes/total_count").asInt()).isEqualTo(4);
        assertThat(polled.json().at("/data/attributes/completed_count").asInt()).isEqualTo(3);
        assertThat(polled.json().at("/data/attributes/failed_count").asInt()).isEqualTo(1);
        assertThat(klaviyo.profileCount()).isEqualTo(3);
        assertThat(klaviyo.lists(klaviyo.profile("email", "p1@example.com").get("id").asText())).containsExactly("Y6nRLr");
    }

    @Test
    void aBulkImportJobOfMoreThanTenThousandProfilesIsRefused() {
        String profiles = IntStream.range(0, KlaviyoSimulator.MAX_BULK_PROFILES + 1)
                .mapToObj(i -> "{\"type\":\"profile\",\"attributes\":{\"external_id\":\"" + i + "\"}}").collect(Collectors.joining(","));

        Reply job = call("POST", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":\"profile-bulk-import-job\","
                + "\"attributes\":{\"profiles\":{\"data\":[" + profiles + "]}}}}");

        assertThat(job.status()).isEqualTo(400);
        assertThat(job.json().at("/errors/0/detail").asText()).contains("1 to 10000 profiles, was 10001");
        assertThat(klaviyo.profileCount()).isZero();
    }

    @Test
    void anEventIsKeptOncePerProfileMetricAndUniqueIdAndItsUnknownProfileIsCreated() {
        Reply first = call("POST", "/api/events", event("Placed Order", "order-1001", "jane@example.com"));
        call("POST", "/api/events", event("Placed Order", "order-1001", "JANE@example.com"));
        call("POST", "/api/events", event("Ordered Product", "order-1001", "jane@example.com"));
        call("POST", "/api/events", event("Placed Order", "order-1001", "john@example.com"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.body()).isEmpty();
        String jane = klaviyo.profile("email", "jane@example.com").get("id").asText();
        assertThat(klaviyo.eventMetrics(jane)).containsExactly("Placed Order", "Ordered Product");
        assertThat(klaviyo.eventCount()).isEqualTo(3);
        assertThat(klaviyo.profileCount()).isEqualTo(2);
    }

    @Test
    void withoutAUniqueIdTwoEventsInTheSameSecondAreOneAsKlaviyoDefaultsItToTheTime() {
        call("POST", "/api/events", event("Viewed Product", null, "jane@example.com"));
        call("POST", "/api/events", event("Viewed Product", null, "jane@example.com"));

        assertThat(klaviyo.eventCount()).isEqualTo(1);
    }

    @Test
    void bulkEventsAreDeduplicatedLikeSingleOnesAndAJobOfMoreThanAThousandIsRefused() {
        String events = IntStream.range(0, 3).mapToObj(i -> "{\"type\":\"event\",\"attributes\":{\"properties\":{},"
                + "\"unique_id\":\"u" + (i % 2) + "\",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":"
                + "\"Fulfilled Order\"}}}}}").collect(Collectors.joining(","));
        String job = "{\"data\":{\"type\":\"event-bulk-create-job\",\"attributes\":{\"events-bulk-create\":{\"data\":[{"
                + "\"type\":\"event-bulk-create\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"jane@example.com\"}}},\"events\":{\"data\":[" + events + "]}}}]}}}}";
        String tooMany = IntStream.range(0, KlaviyoSimulator.MAX_BULK_EVENTS + 1).mapToObj(i -> "{\"type\":\"event\","
                + "\"attributes\":{\"properties\":{},\"unique_id\":\"x" + i + "\",\"metric\":{\"data\":{\"type\":\"metric\","
                + "\"attributes\":{\"name\":\"Fulfilled Order\"}}}}}").collect(Collectors.joining(","));

        Reply accepted = call("POST", "/api/event-bulk-create-jobs", job);
        Reply refused = call("POST", "/api/event-bulk-create-jobs", job.replace(events, tooMany));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(klaviyo.eventCount()).isEqualTo(2);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(klaviyo.eventCount()).isEqualTo(2);
    }

    @Test
    void subscribingAndUnsubscribingSetsConsentPerChannelAndTheListRelationship() {
        String subscribe = "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":["
                + "{\"type\":\"profile\",\"attributes\":{\"email\":\"jane@example.com\",\"phone_number\":\"+84901234567\","
                + "\"subscriptions\":{\"email\":{\"marketing\":{\"consent\":\"SUBSCRIBED\"}},\"sms\":{\"marketing\":"
                + "{\"consent\":\"SUBSCRIBED\"}}}}}]}},\"relationships\":{\"list\":{\"data\":{\"type\":\"list\",\"id\":\"Y6nRLr\"}}}}}";
        String unsubscribe = "{\"data\":{\"type\":\"profile-subscription-bulk-delete-job\",\"attributes\":{\"profiles\":{\"data\":["
                + "{\"type\":\"profile\",\"attributes\":{\"email\":\"jane@example.com\",\"subscriptions\":{\"email\":"
                + "{\"marketing\":{\"consent\":\"UNSUBSCRIBED\"}}}}}]}},\"relationships\":{\"list\":{\"data\":{\"type\":"
                + "\"list\",\"id\":\"Y6nRLr\"}}}}}";

        assertThat(call("POST", "/api/profile-subscription-bulk-create-jobs", subscribe).status()).isEqualTo(202);
        String jane = klaviyo.profile("email", "jane@example.com").get("id").asText();
        assertThat(klaviyo.consent(jane)).isEqualTo(Map.of("email", "SUBSCRIBED", "sms", "SUBSCRIBED"));
        assertThat(klaviyo.lists(jane)).containsExactly("Y6nRLr");

        assertThat(call("POST", "/api/profile-subscription-bulk-delete-jobs", unsubscribe).status()).isEqualTo(202);
        assertThat(klaviyo.consent(jane)).isEqualTo(Map.of("email", "UNSUBSCRIBED", "sms", "SUBSCRIBED"));
        assertThat(klaviyo.lists(jane)).isEmpty();
    }

    @Test
    void aDeletionJobRemovesTheProfileAndItsEventsSoTheStateShowsNoTraceOfThePerson() {
        call("POST", "/api/profile-import", profile("\"email\":\"jane@example.com\",\"first_name\":\"Jane\""));
        call("POST", "/api/events", event("Placed Order", "order-1001", "jane@example.com"));
        call("POST", "/api/events", event("Placed Order", "order-2002", "john@example.com"));

        Reply deleted = call("POST", "/api/data-privacy-deletion-jobs", "{\"data\":{\"type\":\"data-privacy-deletion-job\","
                + "\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"jane@example.com\"}}}}}}");

        assertThat(deleted.status()).isEqualTo(202);
        JsonNode state = http.state();
        assertThat(state.toString()).doesNotContain("jane@example.com").doesNotContain("Jane").doesNotContain("order-1001");
        assertThat(state.get("profileCount").asInt()).isEqualTo(1);
        assertThat(state.get("eventCount").asInt()).isEqualTo(1);
        assertThat(state.at("/deletions/0/requestedBy").asText()).isEqualTo("email");
        assertThat(klaviyo.deletionCount()).isEqualTo(1);
        // the person may come back as a new profile, their old events gone
        call("POST", "/api/events", event("Placed Order", "order-1001", "jane@example.com"));
        assertThat(klaviyo.eventCount()).isEqualTo(2);
    }

    @Test
    void theBurstWindowAnswers429WithRetryAfterUntilTheNextSecond() {
        limits(2, 150);
        Reply one = call("GET", "/api/profiles", null);
        call("GET", "/api/profiles", null);
        Reply throttled = call("GET", "/api/profiles", null);

        assertThat(one.header("RateLimit-Limit")).isEqualTo("150");
        assertThat(one.header("RateLimit-Remaining")).isEqualTo("149");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("1");
        assertThat(throttled.json().at("/errors/0/code").asText()).isEqualTo("throttled");

        time.sleep(Duration.ofMillis(800));
        assertThat(call("GET", "/api/profiles", null).status()).isEqualTo(200);
    }

    @Test
    void theSteadyWindowAnswers429UntilTheMinuteEnds() {
        limits(10, 3);
        for (int i = 0; i < 3; i++) {
            time.sleep(Duration.ofSeconds(1));
            assertThat(call("GET", "/api/profiles", null).status()).isEqualTo(200);
        }
        Reply throttled = call("GET", "/api/profiles", null);

        assertThat(throttled.status()).isEqualTo(429);
        // 10:00:03.2: the minute's window ends at 10:01:00, in 56.8 s
        assertThat(throttled.header("Retry-After")).isEqualTo("57");
        time.sleep(Duration.ofSeconds(57));
        assertThat(call("GET", "/api/profiles", null).status()).isEqualTo(200);
    }

    @Test
    void anOutageAnswersEveryCallWithItsStatusAndRetryAfterUntilItIsEnded() {
        assertThat(http.outage(503, 30).status()).isEqualTo(200);

        Reply down = call("POST", "/api/profile-import", profile("\"email\":\"jane@example.com\""));
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("Retry-After")).isEqualTo("30");
        assertThat(klaviyo.profileCount()).isZero();

        assertThat(http.endOutage().status()).isEqualTo(204);
        assertThat(call("POST", "/api/profile-import", profile("\"email\":\"jane@example.com\"")).status()).isEqualTo(201);
        JsonNode calls = http.state().get("calls");
        assertThat(calls.at("/byEndpoint/POST ~1api~1profile-import/503").asInt()).isEqualTo(1);
        assertThat(calls.at("/byEndpoint/POST ~1api~1profile-import/201").asInt()).isEqualTo(1);
        assertThat(klaviyo.calls().withStatus(503)).isEqualTo(1);
    }
}
