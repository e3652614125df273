package io.mekong.identity.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A profile's consents: each record's current word, across its sources, decided by the precedence rule. */
class ConsentsTest {

    private static final Instant JAN = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant MAR = Instant.parse("2025-03-01T00:00:00Z");

    private JdbcTemplate jdbc;
    private Consents consents;
    private long profile;

    @BeforeEach
    void setUp() {
        jdbc = TestDatabase.freshWorkspace("ws1", "shop");
        jdbc.update("insert into connection (id, workspace_id, connector, name) values ('mage', 'ws1', 'magento', 'mage')");
        consents = new Consents(jdbc);
        profile = newProfile("ws1");
    }

    @Test
    void theWinnerAcrossAProfilesRecordsComesWithItsSourceTimeAndEvidence() {
        long shopify = customer("shop", "1", profile);
        long magento = customer("mage", "7", profile);
        statement(shopify, "email", "subscribed", "emailMarketingConsent", JAN, JAN, "{\"marketingState\": \"SUBSCRIBED\"}");
        statement(magento, "email", "not_subscribed", "extension_attributes.is_subscribed", null, FEB,
                "{\"isSubscribed\": false}");
        statement(shopify, "sms", "subscribed", "smsMarketingConsent", JAN, JAN, "{}");
        statement(shopify, "sms", "unsubscribed", "smsMarketingConsent", FEB, FEB, "{\"consentCollectedFrom\": \"OTHER\"}");

        Map<String, ConsentView> view = consents.forProfile(profile);

        assertThat(view).containsOnlyKeys("email", "sms");
        ConsentView email = view.get("email");
        assertThat(email.status()).isEqualTo("subscribed");
        assertThat(email.source()).isEqualTo(new ConsentView.Source("shop", "shopify", "emailMarketingConsent"));
        assertThat(email.statedAt()).isEqualTo(JAN);
        assertThat(email.evidence().get("marketingState").asText()).isEqualTo("SUBSCRIBED");
        assertThat(view.get("sms").status()).isEqualTo("unsubscribed");
        assertThat(view.get("sms").evidence().get("consentCollectedFrom").asText()).isEqualTo("OTHER");
    }

    @Test
    void aRecordSpeaksByItsLastStatementSoAFlagTurnedOffIsNoLongerAnOptIn() {
        long magento = customer("mage", "7", profile);
        statement(magento, "email", "subscribed", "extension_attributes.is_subscribed", null, JAN, "{}");
        statement(magento, "email", "not_subscribed", "extension_attributes.is_subscribed", null, FEB, "{}");

        assertThat(consents.forCustomer(magento).get("email").status()).isEqualTo("not_subscribed");
    }

    @Test
    void aStatementIsNeverTakenAsMadeAfterItWasReceived() {
        long shopify = customer("shop", "1", profile);
        Instant future = MAR.plusSeconds(86_400 * 365);
        statement(shopify, "email", "subscribed", "emailMarketingConsent", future, MAR, "{}");

        assertThat(consents.forCustomer(shopify).get("email").statedAt()).isEqualTo(MAR);
    }

    @Test
    void onlyTheProfilesOwnRecordsCountAndAChannelNoneSpeaksOfIsAbsent() {
        long mine = customer("shop", "1", profile);
        long strangers = customer("shop", "2", newProfile("ws1"));
        statement(mine, "email", "subscribed", "emailMarketingConsent", JAN, JAN, "{}");
        statement(strangers, "email", "unsubscribed", "emailMarketingConsent", FEB, FEB, "{}");
        statement(strangers, "sms", "subscribed", "smsMarketingConsent", FEB, FEB, "{}");

        Map<String, ConsentView> view = consents.forProfile(profile);

        assertThat(view).containsOnlyKeys("email");
        assertThat(view.get("email").status()).isEqualTo("subscribed");
        assertThat(consents.forProfile(-1)).isEmpty();
    }

    private long newProfile(String workspace) {
        return jdbc.queryForObject("insert into profile (workspace_id) values (?) returning id", Long.class, workspace);
    }

    /** A customer record and its identity in {@code profile}; returns customer.id. */
    private long customer(String connection, String externalId, long profile) {
        long id = jdbc.queryForObject("insert into customer (workspace_id, connection_id, external_id, source_updated_at,"
                + " content_hash) values ('ws1', ?, ?, now(), 'h') returning id", Long.class, connection, externalId);
        jdbc.update("insert into identity (workspace_id, connection_id, kind, external_id, profile_id)"
                + " values ('ws1', ?, 'customer', ?, ?)", connection, externalId, profile);
        return id;
    }

    private void statement(long customer, String channel, String status, String field, Instant statedAt,
                           Instant receivedAt, String evidence) {
        jdbc.update("insert into consent_statement (workspace_id, connection_id, customer_id, channel, status, field,"
                + " stated_at, received_at, evidence) select workspace_id, connection_id, id, ?, ?, ?, ?, ?, ?::jsonb"
                + " from customer where id = ?", channel, status, field,
                statedAt == null ? null : Timestamp.from(statedAt), Timestamp.from(receivedAt), evidence, customer);
    }
}
