package io.mekong.sink.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.bus.BusEvent;
import io.mekong.connector.ConnectionContext;
import io.mekong.sandbox.klaviyo.KlaviyoAccount;
import io.mekong.sandbox.klaviyo.KlaviyoSimulator;
import io.mekong.sandbox.targets.TargetHttp;
import io.mekong.sink.Delivery;
import io.mekong.sink.Destination;
import io.mekong.sink.TargetUnavailableException;
import java.time.Duration;
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
    void aConflictOnAnIdentifierResolvesToTheExistingProfileAndIsRecordedNotRetried() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null),
                fixture.profile(43, "chi@example.com", "Chi", null)));
        String an = klaviyo.profile("external_id", "42").get("id").asText();
        BusEvent anTakesChisEmail = fixture.profile(42, "chi@example.com", "An", null);

        Delivery conflict = target.write(destination, List.of(anTakesChisEmail));
        long imports = klaviyo.calls().of("POST /api/profile-import", 409);
        Delivery again = target.write(destination, List.of(anTakesChisEmail));

        assertThat(imports).isEqualTo(1);
        assertThat(conflict.refused()).isEmpty();
        assertThat(again.refused()).isEmpty();
        assertThat(klaviyo.calls().of("POST /api/profile-import", 409)).as("never looped on").isEqualTo(1);
        assertThat(fixture.ids.find(destination.id(), "profile", "42").orElseThrow().targetId()).isEqualTo(an);
        assertThat(klaviyo.profileCount()).isEqualTo(2);
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
