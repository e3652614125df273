package io.mekong.sink.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.bus.BusEvent;
import io.mekong.connector.ConnectionContext;
import io.mekong.sandbox.mailchimp.MailchimpAccount;
import io.mekong.sandbox.mailchimp.MailchimpSimulator;
import io.mekong.sandbox.targets.ConnectionLimit;
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

/** The Mailchimp writer against the Mailchimp simulator over real HTTP, its ID map in PostgreSQL. */
class MailchimpTargetTest {

    static final String KEY = "0123456789abcdef0123456789abcdef-us21";
    static final String LIST = "5e1a2b3c4d";
    static final String STORE = "store-vn";
    static final String CONNECTION = "mailchimp-conn";

    private final TargetFixture fixture = new TargetFixture(CONNECTION, "mailchimp");
    private final MailchimpSimulator mailchimp = new MailchimpSimulator(new MailchimpAccount(KEY, "us21", LIST, STORE, "USD"),
            new ConnectionLimit(10), fixture.targetTime);
    private final TargetHttp http = TargetHttp.serve(mailchimp);
    private final MailchimpTarget target = new MailchimpTarget(fixture.engine, fixture.mapper, fixture.ids,
            id -> new ConnectionContext(id, TargetFixture.WORKSPACE, "mailchimp",
                    Map.of("baseUrl", http.baseUrl() + "/3.0", "dataCenter", "us21", "listId", LIST, "storeId", STORE),
                    Map.of("apiKey", KEY)));
    private final Destination destination = fixture.destination(CONNECTION, "mailchimp", "profiles", "orders", "erasures");

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void aSubscribedProfileWrittenTwiceIsOneMemberWithItsLatestMergeFields() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "An@Example.com", "An", "subscribed")));
        Delivery again = target.write(destination, List.of(fixture.profile(42, "an@example.com", "Bình", "subscribed")));

        assertThat(again.refused()).isEmpty();
        assertThat(mailchimp.memberCount()).isEqualTo(1);
        assertThat(mailchimp.member("an@example.com").at("/merge_fields/FNAME").asText()).isEqualTo("Bình");
        assertThat(mailchimp.member("an@example.com").path("status").asText()).isEqualTo("subscribed");
    }

    @Test
    void onlySubscribedPeopleJoinTheAudienceAndAMemberWhoWithdrawsIsUnsubscribed() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", "subscribed"),
                fixture.profile(43, "chi@example.com", "Chi", "not_subscribed"),
                fixture.profile(44, "dung@example.com", "Dũng", null)));

        assertThat(mailchimp.memberCount()).isEqualTo(1);
        assertThat(mailchimp.member("chi@example.com")).isNull();

        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", "unsubscribed")));

        assertThat(mailchimp.member("an@example.com").path("status").asText()).isEqualTo("unsubscribed");
    }

    @Test
    void anOrderIsCreatedOnceThenPatchedEvenWhenACrashLostItsIdMapRow() throws Exception {
        target.write(destination, List.of(fixture.order("1001", 42, "an@example.com", 5000, "unfulfilled")));
        target.write(destination, List.of(fixture.order("1001", 42, "an@example.com", 6000, "unfulfilled")));
        fixture.ids.remove(destination.id(), "order", "shop/1001"); // as if the hub died before recording the POST
        Delivery afterCrash = target.write(destination, List.of(fixture.order("1001", 42, "an@example.com", 7000, "fulfilled")));

        assertThat(afterCrash.refused()).isEmpty();
        assertThat(mailchimp.orderCount()).isEqualTo(1);
        assertThat(mailchimp.order("shop-1001").path("order_total").decimalValue()).isEqualByComparingTo("70");
        assertThat(mailchimp.calls().of("POST /ecommerce/stores/{store}/orders", 200)).isEqualTo(1);
    }

    @Test
    void anErasureDeletesThePersonsMemberPermanently() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", "subscribed"),
                fixture.profile(43, "chi@example.com", "Chi", "subscribed")));

        Delivery delivery = target.write(destination, List.of(fixture.erasure(7, 42, "an@example.com")));

        assertThat(delivery.refused()).isEmpty();
        assertThat(mailchimp.member("an@example.com")).isNull();
        assertThat(mailchimp.isForgotten("an@example.com")).isTrue();
        assertThat(mailchimp.member("chi@example.com")).isNotNull();
        assertThat(fixture.idMap(destination)).extracting(IdMap.Entry::localId).containsExactly("43");
    }

    @Test
    void anOutageIsTheTargetBeingUnavailableWithItsRetryAfter() {
        http.outage(503, 90);

        assertThatThrownBy(() -> target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", "subscribed"))))
                .isInstanceOf(TargetUnavailableException.class)
                .satisfies(e -> assertThat(((TargetUnavailableException) e).retryAfter()).isEqualTo(Duration.ofSeconds(90)));
    }

    @Test
    void aMemberMailchimpRefusesIsRefusedAloneAndTheOthersAreWritten() throws Exception {
        BusEvent bad = fixture.profile(44, "not-an-email", "X", "subscribed");

        Delivery delivery = target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", "subscribed"),
                bad, fixture.profile(43, "chi@example.com", "Chi", "subscribed")));

        assertThat(delivery.refused()).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo(bad.id());
            assertThat(r.reason()).contains("ERROR_GENERIC").contains("looks fake or invalid").doesNotContain(KEY);
        });
        assertThat(mailchimp.calls().of("POST /lists/{list}", 200)).as("one batch").isEqualTo(1);
        assertThat(mailchimp.memberCount()).isEqualTo(2);
        assertThat(fixture.idMap(destination)).extracting(IdMap.Entry::localId).containsExactly("42", "43");
    }

    @Test
    void aThousandMembersAreTwoBatchRequestsNotAThousand() throws Exception {
        List<BusEvent> profiles = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            profiles.add(fixture.profile(i, "p" + i + "@example.com", "P" + i, "subscribed"));
        }

        Delivery delivery = target.write(destination, profiles);

        assertThat(delivery.refused()).isEmpty();
        assertThat(mailchimp.memberCount()).isEqualTo(1000);
        assertThat(mailchimp.calls().withStatus(200)).as("was 1,000 PUTs").isEqualTo(2);
        assertThat(mailchimp.calls().of("POST /lists/{list}", 200)).isEqualTo(2);
        assertThat(fixture.ids.find(destination.id(), "member", "500").orElseThrow().targetId())
                .isEqualTo(KeyHashes.subscriberHash("p500@example.com"));
    }

    @Test
    void aChangedEmailMovesTheMemberSoTheListKeepsOneMemberPerPerson() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", "subscribed")));

        Delivery changed = target.write(destination, List.of(fixture.profile(42, "an.nguyen@example.com", "An", "subscribed")));

        assertThat(changed.refused()).isEmpty();
        assertThat(mailchimp.memberCount()).isEqualTo(1);
        assertThat(mailchimp.member("an@example.com")).isNull();
        assertThat(mailchimp.member("an.nguyen@example.com").path("status").asText()).isEqualTo("subscribed");
        assertThat(mailchimp.calls().of("PATCH /lists/{list}/members/{hash}", 200)).isEqualTo(1);
        assertThat(fixture.ids.find(destination.id(), "member", "42").orElseThrow().targetId())
                .isEqualTo(KeyHashes.subscriberHash("an.nguyen@example.com"));

        Delivery erased = target.write(destination, List.of(fixture.erasure(7, 42, "an@example.com")));

        assertThat(erased.refused()).isEmpty();
        assertThat(mailchimp.memberCount()).as("an erasure of the old email finds the member").isZero();
    }

    @Test
    void anEmailChangeToAnotherMembersEmailWritesThatMemberAndArchivesTheOldOne() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an@example.com", "An", "subscribed"),
                fixture.profile(43, "chi@example.com", "Chi", "subscribed")));
        BusEvent anTakesChisEmail = fixture.profile(42, "chi@example.com", "An", "subscribed");

        Delivery delivery = target.write(destination, List.of(anTakesChisEmail));

        assertThat(delivery.refused()).isEmpty();
        // nobody has an@ any more: its member is archived (Mailchimp cannot merge members), not left subscribed
        assertThat(mailchimp.member("an@example.com").get("status").asText()).isEqualTo("archived");
        assertThat(mailchimp.member("chi@example.com").get("status").asText()).isEqualTo("subscribed");
        assertThat(fixture.ids.find(destination.id(), "member", "42").orElseThrow().targetId())
                .isEqualTo(mailchimp.member("chi@example.com").get("id").asText());
        assertThat(mailchimp.calls().of("DELETE /lists/{list}/members/{hash}", 204)).isEqualTo(1);
    }

    @Test
    void aProfileMergedIntoAnotherHasItsMemberArchivedAndAnErasureOfItsEmailStillDeletesIt() throws Exception {
        target.write(destination, List.of(fixture.profile(42, "an.typo@exmaple.com", "An", "subscribed"),
                fixture.profile(43, "an@example.com", "An", "subscribed")));

        Delivery merged = target.write(destination, List.of(fixture.removed(42, 43L)));

        assertThat(merged.refused()).isEmpty();
        // Mailchimp cannot merge members: the list keeps one subscribed member per person, the other archived
        assertThat(mailchimp.member("an.typo@exmaple.com").get("status").asText()).isEqualTo("archived");
        assertThat(mailchimp.member("an@example.com").get("status").asText()).isEqualTo("subscribed");

        Delivery erased = target.write(destination, List.of(fixture.erasure(7, 43, "an.typo@exmaple.com")));

        assertThat(erased.refused()).isEmpty();
        assertThat(mailchimp.isForgotten("an.typo@exmaple.com")).as("the archived member deleted for good").isTrue();
    }

    @Test
    void tagsAreSentWhenTheyChangeNotWithEveryChangeOfTheMember() throws Exception {
        target.write(destination, List.of(tagged("An", "VIP")));
        target.write(destination, List.of(tagged("Bình", "VIP")));
        target.write(destination, List.of(tagged("Bình", "VIP", "Wholesale")));

        assertThat(mailchimp.calls().of("POST /lists/{list}/members/{hash}/tags", 204)).isEqualTo(2);
        assertThat(mailchimp.member("an@example.com").path("tags")).extracting(t -> t.path("name").asText())
                .containsExactlyInAnyOrder("VIP", "Wholesale");
        assertThat(mailchimp.member("an@example.com").at("/merge_fields/FNAME").asText()).isEqualTo("Bình");
    }

    private BusEvent tagged(String firstName, String... tags) {
        ObjectNode data = (ObjectNode) fixture.profile(42, "an@example.com", firstName, "subscribed").data();
        ArrayNode array = data.putArray("tags");
        for (String tag : tags) {
            array.add(tag);
        }
        return fixture.event("io.mekong.profile.changed", "42", data);
    }

    @Test
    void anOrderWithoutEmailWaitsForItsCustomerInsteadOfBeingRefused() throws Exception {
        Delivery masked = target.write(destination, List.of(fixture.order("2001", 42, null, 5000, "unfulfilled")));

        assertThat(masked.refused()).isEmpty();
        assertThat(mailchimp.orderCount()).isZero();

        target.write(destination, List.of(fixture.order("2002", 42, "an@example.com", 5000, "unfulfilled")));
        Delivery known = target.write(destination, List.of(fixture.order("2003", 42, null, 7000, "unfulfilled")));

        assertThat(known.refused()).isEmpty();
        assertThat(mailchimp.orderCount()).as("the store knows the customer now").isEqualTo(2);
    }
}
