package io.mekong.sink.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.bus.BusEvent;
import io.mekong.connector.ConnectionContext;
import io.mekong.sandbox.hubspot.HubSpotAccount;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.targets.TargetHttp;
import io.mekong.sink.Delivery;
import io.mekong.sink.Destination;
import io.mekong.sink.TargetUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HubSpot writer against the HubSpot simulator over real HTTP, its ID map in PostgreSQL. */
class HubSpotTargetTest {

    static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
    static final String CONNECTION = "hubspot-conn";

    private final TargetFixture fixture = new TargetFixture(CONNECTION, "hubspot");
    private final HubSpotSimulator hubspot = new HubSpotSimulator(new HubSpotAccount(TOKEN, 24000001, 1000), fixture.targetTime);
    private final TargetHttp http = TargetHttp.serve(hubspot);
    private final HubSpotTarget target = new HubSpotTarget(fixture.engine, fixture.mapper, fixture.ids,
            id -> new ConnectionContext(id, TargetFixture.WORKSPACE, "hubspot", Map.of("baseUrl", http.baseUrl()),
                    Map.of("accessToken", TOKEN)));
    private final Destination destination = fixture.destination(CONNECTION, "hubspot", "profiles", "orders", "erasures");

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void aProfileWrittenTwiceIsOneContactWithItsLatestNameAndEveryoneGoesToTheCrmWhateverTheirConsent() throws Exception {
        Delivery first = target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", "unsubscribed")));
        Delivery second = target.write(destination, List.of(fixture.profile(42, "an@example.com", "Bình", null),
                fixture.profile(43, "chi@example.com", "Chi", "not_subscribed")));

        assertThat(first.refused()).isEmpty();
        assertThat(second.refused()).isEmpty();
        assertThat(hubspot.contactCount()).isEqualTo(2);
        assertThat(hubspot.contactByEmail("an@example.com").at("/properties/firstname").asText()).isEqualTo("Bình");
        assertThat(fixture.ids.find(destination.id(), "contact", "42").orElseThrow().targetId())
                .isEqualTo(hubspot.contactByEmail("an@example.com").get("id").asText());
    }

    @Test
    void aChangedEmailUpdatesTheSameContactAndAnEmailAnotherContactHoldsMergesTheOldContactIntoThatOne() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null),
                fixture.profile(43, "chi@example.com", "Chi", null)));
        String an = hubspot.contactByEmail("an@example.com").get("id").asText();
        String chi = hubspot.contactByEmail("chi@example.com").get("id").asText();

        Delivery changed = target.write(destination, List.of(fixture.profile(42, "an.nguyen@example.com", "An", null)));
        assertThat(changed.refused()).isEmpty();
        assertThat(hubspot.contactByEmail("an.nguyen@example.com").get("id").asText()).isEqualTo(an);
        assertThat(hubspot.contactCount()).isEqualTo(2);
        BusEvent taken = fixture.profile(42, "chi@example.com", "An", null);
        Delivery conflict = target.write(destination, List.of(taken));
        Delivery again = target.write(destination, List.of(taken));

        // nobody has an.nguyen@ any more: that contact joined chi's, where the old email still finds it
        assertThat(hubspot.contactCount()).isEqualTo(1);
        assertThat(hubspot.contactByEmail("an.nguyen@example.com").get("id").asText()).isEqualTo(chi);
        assertThat(hubspot.calls().of("POST /crm/v3/objects/contacts/merge", 200)).isEqualTo(1);
        assertThat(conflict.refused()).isEmpty();
        assertThat(again.refused()).isEmpty();
        assertThat(fixture.ids.find(destination.id(), "contact", "42").orElseThrow().targetId()).isEqualTo(chi);
        assertThat(hubspot.calls().withStatus(409)).as("recorded, never looped on").isEqualTo(1);
    }

    @Test
    void aProfileMergedIntoAnotherHasItsContactMergedIntoTheSurvivorsOnceAndAnErasureOfItsOldEmailStillFindsIt()
            throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an.typo@exmaple.com", "An", null),
                fixture.profile(43, "an@example.com", "An", null),
                fixture.order("1001", 42, "an.typo@exmaple.com", 5000, "paid")));
        String survivor = hubspot.contactByEmail("an@example.com").get("id").asText();
        BusEvent removed = fixture.removed(42, 43L);

        Delivery merged = target.write(destination, List.of(fixture.profile(43, "an@example.com", "Ân", null), removed));
        Delivery again = target.write(destination, List.of(removed));

        assertThat(merged.refused()).isEmpty();
        assertThat(again.refused()).isEmpty();
        assertThat(hubspot.contactCount()).as("one person, one contact").isEqualTo(1);
        assertThat(hubspot.contactByEmail("an@example.com").get("id").asText()).isEqualTo(survivor);
        assertThat(hubspot.calls().of("POST /crm/v3/objects/contacts/merge", 200)).as("merged once, delivered twice")
                .isEqualTo(1);
        assertThat(hubspot.dealBy("mekong_order_key", "shop/1001").at("/associations/contacts/results/0/id").asText())
                .as("the merged-away contact's deal moved with it").isEqualTo(survivor);
        assertThat(fixture.ids.find(destination.id(), "contact", "42")).isEmpty();

        Delivery erased = target.write(destination, List.of(fixture.erasure(7, 43, "an.typo@exmaple.com")));

        assertThat(erased.refused()).isEmpty();
        assertThat(hubspot.contactCount()).as("the old email's history is in the survivor's contact").isZero();
    }

    @Test
    void aProfileMergedIntoOneWithoutAContactHandsItsContactOnAndOneMergedIntoNobodyKeepsIt() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null),
                fixture.profile(43, null, "An", null), fixture.profile(44, "chi@example.com", "Chi", null)));
        String an = hubspot.contactByEmail("an@example.com").get("id").asText();

        target.write(destination, List.of(fixture.removed(42, 43L), fixture.removed(44, null)));
        Delivery changed = target.write(destination, List.of(fixture.profile(43, "an.nguyen@example.com", "An", null)));

        assertThat(changed.refused()).isEmpty();
        assertThat(hubspot.contactByEmail("an.nguyen@example.com").get("id").asText())
                .as("the survivor took over the contact and changed its email").isEqualTo(an);
        assertThat(hubspot.contactCount()).isEqualTo(2);
        assertThat(fixture.ids.find(destination.id(), "contact", "44")).as("kept: an erasure still finds it").isPresent();
        assertThat(hubspot.calls().of("POST /crm/v3/objects/contacts/merge", 200)).isZero();
    }

    @Test
    void anEmailGivenUpAndTakenBackLaterStaysOnTheSameContact() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "duc@example.com", "Đức", null)));
        String contact = hubspot.contactByEmail("duc@example.com").get("id").asText();

        // a newer order with a typo wins the golden email for a while, then the typo is corrected
        target.write(destination, List.of(fixture.profile(42, "duc@eaxmple.com", "Đức", null)));
        Delivery back = target.write(destination, List.of(fixture.profile(42, "duc@example.com", "Đức", null)));

        assertThat(back.refused()).isEmpty();
        assertThat(hubspot.contactCount()).isEqualTo(1);
        assertThat(hubspot.contactByEmail("duc@example.com").get("id").asText()).isEqualTo(contact);
        assertThat(hubspot.contactByEmail("duc@eaxmple.com")).as("nobody has the typo any more").isNull();
    }

    @Test
    void anUnchangedProfileIsNotWrittenAgain() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null)));
        long calls = hubspot.calls().withStatus(200);

        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null)));

        assertThat(hubspot.calls().withStatus(200)).isEqualTo(calls);
    }

    @Test
    void anOrderIsOneDealNamedWithItsNumberAssociatedWithItsContactAndAChangeUpdatesIt() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null),
                fixture.order("1001", 42, "an@example.com", 5000, "unfulfilled")));
        target.write(destination, List.of(fixture.order("1001", 42, "an@example.com", 7500, "fulfilled")));

        assertThat(hubspot.dealCount()).isEqualTo(1);
        String dealId = fixture.ids.find(destination.id(), "deal", "shop/1001").orElseThrow().targetId();
        var deal = hubspot.deal(dealId);
        assertThat(deal.at("/properties/dealname").asText()).isEqualTo("Order #1001");
        assertThat(deal.at("/properties/amount").asText()).isEqualTo("75");
        assertThat(deal.at("/associations/contacts/results/0/id").asText())
                .isEqualTo(hubspot.contactByEmail("an@example.com").get("id").asText());
    }

    @Test
    void aDealWhoseAssociationHubSpotRefusesIsRefusedAloneAndNotRecordedSoThatItIsAssociatedWhenSentAgain() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null),
                fixture.profile(43, "chi@example.com", "Chi", null)));
        IdMap.Entry an = fixture.ids.find(destination.id(), "contact", "42").orElseThrow();
        fixture.ids.save(destination.id(), new IdMap.Entry(an.kind(), an.localId(), "999999", an.keyHashes(), an.stateHash()));
        BusEvent orphan = fixture.order("1001", 42, "an@example.com", 5000, "unfulfilled");

        Delivery delivery = target.write(destination, List.of(orphan, fixture.order("1002", 43, "chi@example.com", 2500, "paid")));

        assertThat(delivery.refused()).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo(orphan.id());
            assertThat(r.reason()).contains("HTTP 400").contains("associations");
        });
        assertThat(fixture.ids.find(destination.id(), "deal", "shop/1002")).isPresent();
        assertThat(fixture.ids.find(destination.id(), "deal", "shop/1001")).isEmpty();

        fixture.ids.save(destination.id(), an);
        Delivery again = target.write(destination, List.of(orphan));

        assertThat(again.refused()).isEmpty();
        assertThat(hubspot.dealCount()).as("the refused order's deal written once, then associated").isEqualTo(2);
        assertThat(hubspot.dealBy("mekong_order_key", "shop/1001").at("/associations/contacts/results/0/id").asText())
                .isEqualTo(an.targetId());
    }

    @Test
    void aDealSentAgainAfterACrashLostItsIdMapRowIsTheSameDealAndThePropertyIsCreatedOncePerDestination() throws Exception {
        BusEvent order = fixture.order("1001", 42, "an@example.com", 5000, "unfulfilled");
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null), order));
        String dealId = fixture.ids.find(destination.id(), "deal", "shop/1001").orElseThrow().targetId();
        // the crash: HubSpot has the deal, the ID map never recorded it
        fixture.ids.remove(destination.id(), "deal", "shop/1001");

        Delivery again = target.write(destination, List.of(order));
        target.write(destination, List.of(fixture.order("1002", 42, "an@example.com", 900, "paid")));

        assertThat(again.refused()).isEmpty();
        assertThat(hubspot.dealCount()).isEqualTo(2);
        assertThat(fixture.ids.find(destination.id(), "deal", "shop/1001").orElseThrow().targetId()).isEqualTo(dealId);
        assertThat(hubspot.dealBy("mekong_order_key", "shop/1001").get("id").asText()).isEqualTo(dealId);
        assertThat(hubspot.calls().of("GET /crm/v3/properties/{objectType}/{name}", 404)).isEqualTo(1);
        assertThat(hubspot.calls().of("POST /crm/v3/properties/{objectType}", 201)).isEqualTo(1);
        assertThat(hubspot.calls().of("GET /crm/v3/properties/{objectType}/{name}")).as("checked once").isEqualTo(1);
        var property = http.send("GET", "/crm/v3/properties/deals/mekong_order_key", null,
                "Authorization", "Bearer " + TOKEN).json();
        assertThat(property.get("hasUniqueValue").asBoolean()).isTrue();
        assertThat(property.get("type").asText()).isEqualTo("string");
        assertThat(property.get("fieldType").asText()).isEqualTo("text");
    }

    @Test
    void anOrderKeyPropertyWithoutUniqueValuesRefusesTheDealsSayingWhatToDo() throws Exception {
        hubspot.defineProperty("deals", "mekong_order_key");

        BusEvent order = fixture.order("1001", 42, "an@example.com", 5000, "unfulfilled");
        Delivery delivery = target.write(destination, List.of(order));

        assertThat(delivery.refused()).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo(order.id());
            assertThat(r.reason()).contains("mekong_order_key").contains("hasUniqueValue").contains("delete");
        });
        assertThat(hubspot.dealCount()).isZero();
    }

    @Test
    void anErasureGdprDeletesThePersonsContactAndDropsTheirRowsFromTheIdMap() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "An@Example.com", "An", null),
                fixture.profile(43, "chi@example.com", "Chi", null)));

        Delivery delivery = target.write(destination, List.of(fixture.erasure(7, 42, "an@example.com")));

        assertThat(delivery.refused()).isEmpty();
        assertThat(hubspot.contactByEmail("an@example.com")).isNull();
        assertThat(hubspot.contactByEmail("chi@example.com")).isNotNull();
        assertThat(fixture.idMap(destination)).extracting(IdMap.Entry::localId).containsExactly("43");
    }

    @Test
    void anOutageIsTheTargetBeingUnavailableWithItsRetryAfter() {
        http.outage(503, 600);

        assertThatThrownBy(() -> target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null))))
                .isInstanceOf(TargetUnavailableException.class)
                .hasMessageContaining("503")
                .satisfies(e -> assertThat(((TargetUnavailableException) e).retryAfter())
                        .isEqualTo(Duration.ofSeconds(600)));
        assertThat(fixture.time.sleeps()).as("the requester's retries waited as told").contains(Duration.ofSeconds(600));
        assertThat(hubspot.contactCount()).isZero();
    }

    @Test
    void aContactHubSpotRefusesIsRefusedAloneAndTheRestOfTheBatchIsWritten() throws Exception {
        BusEvent bad = fixture.profile(44, "not-an-email", "X", null);

        Delivery delivery = target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", null), bad,
                fixture.profile(43, "chi@example.com", "Chi", null)));

        assertThat(delivery.refused()).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo(bad.id());
            assertThat(r.reason()).contains("not-an-email").doesNotContain(TOKEN);
        });
        assertThat(hubspot.contactCount()).isEqualTo(2);
    }
}
