package io.mekong.sink.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.bus.BusEvent;
import io.mekong.config.Json;
import io.mekong.connector.ConnectionContext;
import io.mekong.sandbox.klaviyo.KlaviyoAccount;
import io.mekong.sandbox.klaviyo.KlaviyoSimulator;
import io.mekong.sandbox.targets.TargetHttp;
import io.mekong.sink.Delivery;
import io.mekong.sink.Destination;
import io.mekong.sink.TargetUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Klaviyo writer against the Klaviyo simulator over real HTTP, its ID map in PostgreSQL. */
class KlaviyoTargetTest {

    static final String KEY = "pk_" + "0123456789abcdef".repeat(2);
    static final String CONNECTION = "klaviyo-conn";

    private final TargetFixture fixture = new TargetFixture(CONNECTION, "klaviyo");
    private final KlaviyoSimulator klaviyo = new KlaviyoSimulator(new KlaviyoAccount(KEY, 1000, 10_000), fixture.targetTime);
    private final TargetHttp http = TargetHttp.serve(klaviyo);
    private final KlaviyoTarget target = new KlaviyoTarget(fixture.engine, fixture.mapper, fixture.ids,
            id -> new ConnectionContext(id, TargetFixture.WORKSPACE, "klaviyo", Map.of("baseUrl", http.baseUrl()),
                    Map.of("apiKey", KEY)));
    private final Destination destination = fixture.destination(CONNECTION, "klaviyo",
            "profiles", "consent", "orders", "events", "erasures");

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void aProfileWrittenTwiceIsOneKlaviyoProfileKeyedByTheMekongProfileId() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null)));
        Delivery again = target.write(destination, List.of(fixture.profile(42, "an@example.com", "Bình", null)));

        assertThat(again.refused()).isEmpty();
        assertThat(klaviyo.profileCount()).isEqualTo(1);
        ObjectNode profile = klaviyo.profile("external_id", "42");
        assertThat(profile.at("/attributes/first_name").asText()).isEqualTo("Bình");
        assertThat(fixture.ids.find(destination.id(), "profile", "42").orElseThrow().targetId())
                .isEqualTo(profile.get("id").asText());
    }

    @Test
    void aProfileTheJobCannotImportIsRefusedAloneAndTheRestOfTheJobIsWritten() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null),
                fixture.profile(43, "chi@example.com", "Chi", null)));
        String an = klaviyo.profile("external_id", "42").get("id").asText();
        BusEvent anTakesChisEmail = fixture.profile(42, "chi@example.com", "An", null);

        Delivery delivery = target.write(destination, List.of(anTakesChisEmail,
                fixture.profile(44, "dung@example.com", "Dũng", null)));

        assertThat(delivery.refused()).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo(anTakesChisEmail.id());
            assertThat(r.reason()).contains("import error").contains("already exists").doesNotContain(KEY);
        });
        // one job per write, and the refused profile tried once more without its phone (Klaviyo does not say which
        // identifier is taken), refused again for the email
        assertThat(klaviyo.calls().of("POST /api/profile-bulk-import-jobs", 202)).isEqualTo(3);
        assertThat(fixture.ids.find(destination.id(), "profile", "42").orElseThrow().targetId()).isEqualTo(an);
        assertThat(fixture.ids.find(destination.id(), "profile", "44").orElseThrow().targetId())
                .isEqualTo(klaviyo.profile("external_id", "44").get("id").asText());
        assertThat(klaviyo.profileCount()).isEqualTo(3);
    }

    @Test
    void peopleSharingAPhoneAreEachAProfileTheLaterWithThePhoneAsAPropertyOnly() throws Exception {
        String landline = "+842838234567";
        ObjectNode mai = (ObjectNode) fixture.profile(50, "mai@example.com", "Mai", null).data();
        mai.put("phone", landline);
        target.write(destination, List.of(fixture.event("io.mekong.profile.changed", "50", mai)));
        ObjectNode tuan = (ObjectNode) fixture.profile(51, "tuan@example.com", "Tuấn", null).data();
        tuan.put("phone", landline);

        Delivery delivery = target.write(destination, List.of(fixture.event("io.mekong.profile.changed", "51", tuan)));

        assertThat(delivery.refused()).isEmpty();
        assertThat(klaviyo.profile("external_id", "50").at("/attributes/phone_number").asText()).isEqualTo(landline);
        JsonNode second = klaviyo.profile("external_id", "51");
        assertThat(second.at("/attributes/phone_number").asText(null)).isNull();
        assertThat(second.at("/attributes/properties/mekong_phone").asText()).isEqualTo(landline);
        assertThat(second.at("/attributes/email").asText()).isEqualTo("tuan@example.com");
        assertThat(fixture.ids.find(destination.id(), "profile", "51").orElseThrow().targetId())
                .isEqualTo(second.get("id").asText());
        assertThat(klaviyo.profileCount()).isEqualTo(2);
    }

    @Test
    void aThousandProfilesAreOneImportJobAndItsPollsNotAThousandRequests() throws Exception {
        List<BusEvent> profiles = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            profiles.add(fixture.profile(i, "p" + i + "@example.com", "P" + i, null));
        }

        Delivery delivery = target.write(destination, profiles);

        long requests = klaviyo.calls().withStatus(200) + klaviyo.calls().withStatus(202);
        assertThat(delivery.refused()).isEmpty();
        assertThat(klaviyo.profileCount()).isEqualTo(1000);
        assertThat(klaviyo.calls().of("POST /api/profile-bulk-import-jobs")).isEqualTo(1);
        assertThat(klaviyo.calls().of("GET /api/profile-bulk-import-jobs/{id}")).as("queued, processing, complete").isEqualTo(2);
        assertThat(klaviyo.calls().of("GET /api/profile-bulk-import-jobs/{id}/profiles")).as("100 a page").isEqualTo(10);
        assertThat(requests).as("was 1,000 profile imports").isEqualTo(13);
        assertThat(fixture.ids.find(destination.id(), "profile", "777").orElseThrow().targetId())
                .isEqualTo(klaviyo.profile("external_id", "777").get("id").asText());

        profiles.set(0, fixture.profile(1, "p1@example.com", "Changed", null));
        target.write(destination, profiles);

        assertThat(klaviyo.calls().of("POST /api/profile-bulk-import-jobs")).as("only the changed profile").isEqualTo(2);
        assertThat(klaviyo.calls().of("GET /api/profile-bulk-import-jobs/{id}/profiles"))
                .as("its Klaviyo id is known: the job's profiles are not read").isEqualTo(10);
        assertThat(klaviyo.profile("external_id", "1").at("/attributes/first_name").asText()).isEqualTo("Changed");
    }

    @Test
    void profilesOfMoreThanFiveMegabytesGoInJobsEachUnderKlaviyosLimit() throws Exception {
        List<BusEvent> profiles = new ArrayList<>();
        for (int i = 1; i <= 30; i++) { // 30 profiles of about 200 KB each: about 6 MB
            ObjectNode data = Json.MAPPER.createObjectNode().put("profileId", i).put("email", "big" + i + "@example.com");
            ArrayNode tags = data.putArray("tags");
            for (int t = 0; t < 200; t++) {
                tags.add(t + "-" + "t".repeat(1000));
            }
            profiles.add(fixture.event("io.mekong.profile.changed", Integer.toString(i), data));
        }

        Delivery delivery = target.write(destination, profiles);

        assertThat(delivery.refused()).isEmpty();
        assertThat(klaviyo.calls().of("POST /api/profile-bulk-import-jobs", 202)).isEqualTo(2);
        assertThat(klaviyo.calls().of("POST /api/profile-bulk-import-jobs", 413)).isZero();
        assertThat(klaviyo.profileCount()).isEqualTo(30);
    }

    @Test
    void aThrottledPollMakesKlaviyoUnavailableAndTheRetryImportsEachProfileOnce() throws Exception {
        klaviyo.use(new KlaviyoAccount(KEY, 1000, 3)); // the job's POST and two polls fill the minute
        List<BusEvent> profiles = List.of(fixture.profile(42, "an@example.com", "An", null),
                fixture.profile(43, "chi@example.com", "Chi", null));

        assertThatThrownBy(() -> target.write(destination, profiles))
                .isInstanceOf(TargetUnavailableException.class)
                .satisfies(e -> assertThat(((TargetUnavailableException) e).retryAfter()).isPositive());
        assertThat(klaviyo.calls().of("GET /api/profile-bulk-import-jobs/{id}/profiles", 429)).isPositive();

        klaviyo.use(new KlaviyoAccount(KEY, 1000, 10_000)); // a new minute

        Delivery retry = target.write(destination, profiles);

        assertThat(retry.refused()).isEmpty();
        assertThat(klaviyo.profileCount()).isEqualTo(2);
        assertThat(fixture.ids.find(destination.id(), "profile", "43").orElseThrow().targetId())
                .isEqualTo(klaviyo.profile("external_id", "43").get("id").asText());
    }

    @Test
    void onlySubscribedConsentSubscribesAndOnlyUnsubscribedUnsubscribes() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", "subscribed"),
                fixture.profile(43, "chi@example.com", "Chi", "not_subscribed"),
                fixture.profile(44, "dung@example.com", "Dũng", "pending")));
        String an = klaviyo.profile("external_id", "42").get("id").asText();
        String chi = klaviyo.profile("external_id", "43").get("id").asText();
        String dung = klaviyo.profile("external_id", "44").get("id").asText();

        assertThat(klaviyo.consent(an)).containsEntry("email", "SUBSCRIBED");
        assertThat(klaviyo.consent(chi)).doesNotContainKey("email");
        assertThat(klaviyo.consent(dung)).doesNotContainKey("email");

        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", "unsubscribed")));

        assertThat(klaviyo.consent(an)).containsEntry("email", "UNSUBSCRIBED");
    }

    @Test
    void anOrderBecomesItsEventsOnceHoweverOftenItIsWritten() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null),
                fixture.order("1001", 42, "an@example.com", 5000, "unfulfilled")));
        target.write(destination, List.of(fixture.order("1001", 42, "an@example.com", 5000, "fulfilled")));
        target.write(destination, List.of(fixture.order("1001", 42, "an@example.com", 5000, "fulfilled")));

        String an = klaviyo.profile("external_id", "42").get("id").asText();
        assertThat(klaviyo.eventMetrics(an)).containsExactlyInAnyOrder("Placed Order", "Ordered Product", "Fulfilled Order");
    }

    @Test
    void aProfileMergedIntoAnotherIsMergedIntoTheSurvivorsKlaviyoProfileWithItsEventsOnce() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an.typo@exmaple.com", "An", null),
                fixture.profile(43, "an@example.com", "An", null),
                fixture.order("1001", 42, "an.typo@exmaple.com", 5000, "unfulfilled")));
        String survivor = klaviyo.profile("external_id", "43").get("id").asText();
        BusEvent removed = fixture.removed(42, 43L);

        Delivery merged = target.write(destination, List.of(removed));
        Delivery again = target.write(destination, List.of(removed));

        assertThat(merged.refused()).isEmpty();
        assertThat(again.refused()).isEmpty();
        assertThat(klaviyo.profileCount()).as("one person, one Klaviyo profile").isEqualTo(1);
        assertThat(klaviyo.profile("external_id", "42")).isNull();
        assertThat(klaviyo.profile("external_id", "43").get("id").asText()).isEqualTo(survivor);
        assertThat(klaviyo.eventMetrics(survivor)).as("the merged-away profile's events moved over")
                .contains("Placed Order", "Ordered Product");
        assertThat(klaviyo.calls().of("POST /api/profile-merge", 200)).as("merged once, delivered twice").isEqualTo(1);
        assertThat(fixture.idMap(destination)).extracting(IdMap.Entry::localId).containsExactly("43");
    }

    @Test
    void anErasureDeletesThePersonsProfileAndDropsTheirRows() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null),
                fixture.profile(43, "chi@example.com", "Chi", null)));

        Delivery delivery = target.write(destination, List.of(fixture.erasure(7, 42, " AN@example.com")));

        assertThat(delivery.refused()).isEmpty();
        assertThat(klaviyo.profile("external_id", "42")).isNull();
        assertThat(klaviyo.profile("external_id", "43")).isNotNull();
        assertThat(fixture.idMap(destination)).extracting(IdMap.Entry::localId).containsExactly("43");
    }

    @Test
    void anOutageIsTheTargetBeingUnavailableWithItsRetryAfter() {
        http.outage(503, 120);

        assertThatThrownBy(() -> target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null))))
                .isInstanceOf(TargetUnavailableException.class)
                .satisfies(e -> assertThat(((TargetUnavailableException) e).retryAfter()).isEqualTo(Duration.ofSeconds(120)));
    }

    @Test
    void aProfileKlaviyoRefusesIsRefusedAloneAndTheOthersAreWritten() throws Exception {
        BusEvent bad = fixture.profile(44, "not-an-email", "X", null);

        Delivery delivery = target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null), bad,
                fixture.profile(43, "chi@example.com", "Chi", null)));

        assertThat(delivery.refused()).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo(bad.id());
            assertThat(r.reason()).contains("400").doesNotContain(KEY);
        });
        assertThat(klaviyo.profileCount()).isEqualTo(2);
    }
}
