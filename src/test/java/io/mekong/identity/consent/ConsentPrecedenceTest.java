package io.mekong.identity.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that picks a person's consent on one channel among their records' statements. */
class ConsentPrecedenceTest {

    private static final Instant JAN = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2025-07-01T00:00:00Z");

    private long sequence;

    @Test
    void aNewerOptOutBeatsAnOlderOptIn() {
        assertThat(winner(statement("subscribed", JAN), statement("unsubscribed", FEB))).isEqualTo("unsubscribed");
    }

    @Test
    void anOlderOptInNeverOverwritesANewerUnsubscribeWhateverTheOrderOfArrival() {
        ConsentStatement unsubscribed = statement("unsubscribed", FEB);
        ConsentStatement olderOptInReceivedLater = new ConsentStatement(
                view("subscribed", JAN), LATER, 100);

        assertThat(winner(unsubscribed, olderOptInReceivedLater)).isEqualTo("unsubscribed");
        assertThat(winner(olderOptInReceivedLater, unsubscribed)).isEqualTo("unsubscribed");
    }

    @Test
    void aNewerOptInBeatsAnOlderUnsubscribe() {
        assertThat(winner(statement("unsubscribed", JAN), statement("subscribed", FEB))).isEqualTo("subscribed");
    }

    @Test
    void anExplicitStatementBeatsASourcesDefaultEvenAnUntimedOneANewerDefault() {
        assertThat(winner(statement("subscribed", JAN), statement("not_subscribed", FEB))).isEqualTo("subscribed");
        assertThat(winner(statement("subscribed", null), statement("not_subscribed", FEB))).isEqualTo("subscribed");
        assertThat(winner(statement("pending", null), statement("not_subscribed", null))).isEqualTo("pending");
    }

    @Test
    void aStatementWithoutATimeNeverBeatsOneWithATime() {
        ConsentStatement timedOptIn = statement("subscribed", JAN);
        ConsentStatement untimedOptOutReceivedLater = new ConsentStatement(view("unsubscribed", null), LATER, 100);

        assertThat(winner(timedOptIn, untimedOptOutReceivedLater)).isEqualTo("subscribed");
    }

    @Test
    void betweenStatementsWithoutATimeTheOneReceivedLaterWins() {
        ConsentStatement optOut = new ConsentStatement(view("unsubscribed", null), RECEIVED, 1);
        ConsentStatement optInAgain = new ConsentStatement(view("subscribed", null), LATER, 2);

        assertThat(winner(optOut, optInAgain)).isEqualTo("subscribed");
    }

    @Test
    void aTieGoesToTheMoreRestrictiveWord() {
        assertThat(winner(statement("subscribed", JAN), statement("unsubscribed", JAN), statement("pending", JAN)))
                .isEqualTo("unsubscribed");
        assertThat(winner(statement("subscribed", JAN), statement("pending", JAN))).isEqualTo("pending");
        assertThat(winner(new ConsentStatement(view("subscribed", null), RECEIVED, 1),
                new ConsentStatement(view("unsubscribed", null), RECEIVED, 2))).isEqualTo("unsubscribed");
    }

    @Test
    void anExactTieGoesToTheStatementRecordedLater() {
        ConsentStatement first = new ConsentStatement(view("subscribed", JAN, "shop-a"), RECEIVED, 1);
        ConsentStatement second = new ConsentStatement(view("subscribed", JAN, "shop-b"), RECEIVED, 2);

        assertThat(ConsentPrecedence.winner(List.of(second, first)).orElseThrow().view().source().connection())
                .isEqualTo("shop-b");
    }

    @Test
    void noStatementsNoConsent() {
        assertThat(ConsentPrecedence.winner(List.of())).isEmpty();
    }

    private static String winner(ConsentStatement... statements) {
        return ConsentPrecedence.winner(List.of(statements)).orElseThrow().view().status();
    }

    private ConsentStatement statement(String status, Instant statedAt) {
        return new ConsentStatement(view(status, statedAt), RECEIVED, ++sequence);
    }

    private static ConsentView view(String status, Instant statedAt) {
        return view(status, statedAt, "c1");
    }

    private static ConsentView view(String status, Instant statedAt, String connection) {
        return new ConsentView(status, new ConsentView.Source(connection, "shopify", "emailMarketingConsent"), statedAt,
                null);
    }
}
