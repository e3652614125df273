package io.mekong.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.ConnectionContext;
import io.mekong.mapping.MappedPage;
import io.mekong.mapping.MappingResult;
import io.mekong.mapping.canonical.CanonicalCustomer;
import io.mekong.mapping.canonical.Consent;
import io.mekong.testing.TestDatabase;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A customer's consent statements and full name are stored with the customer, in its transaction, idempotently. */
class ConsentStatementsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-02T10:00:00Z");
    private static final Instant T3 = Instant.parse("2025-03-03T10:00:00Z");
    private static final Instant T4 = Instant.parse("2025-03-04T10:00:00Z");
    private static final Consent EMAIL_OPT_IN = new Consent("email", "subscribed", "emailMarketingConsent", T1,
            Map.of("marketingState", "SUBSCRIBED", "marketingOptInLevel", "CONFIRMED_OPT_IN"));
    private static final Consent SMS_DEFAULT = new Consent("sms", "not_subscribed", "smsMarketingConsent", null,
            Map.of("marketingState", "NOT_SUBSCRIBED"));

    private final ConnectionContext connection = new ConnectionContext("c1", "ws1", "shopify", Map.of(), Map.of());
    private JdbcTemplate jdbc;
    private PageCommitter committer;

    @BeforeEach
    void setUp() {
        jdbc = TestDatabase.freshWorkspace("ws1", "c1");
        committer = new PageCommitter(jdbc, new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource())),
                List.of(new CustomerTable()));
    }

    @Test
    void statementsAreRecordedWithSourceTimeAndEvidenceAndTheRecordsCurrentWordIsOnTheRow() {
        commit(customer("9", T2, null, EMAIL_OPT_IN, SMS_DEFAULT));

        List<Map<String, Object>> rows = jdbc.queryForList("select s.workspace_id, s.connection_id, s.channel, s.status,"
                + " s.field, s.stated_at, s.evidence::text as evidence, s.received_at is not null as received"
                + " from consent_statement s join customer c on c.id = s.customer_id"
                + " where c.external_id = '9' order by s.channel");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("workspace_id", "ws1").containsEntry("connection_id", "c1")
                .containsEntry("channel", "email").containsEntry("status", "subscribed")
                .containsEntry("field", "emailMarketingConsent").containsEntry("received", true);
        assertThat(((Timestamp) rows.get(0).get("stated_at")).toInstant()).isEqualTo(T1);
        assertThat(json(rows.get(0).get("evidence"))).isEqualTo(Map.of("marketingState", "SUBSCRIBED",
                "marketingOptInLevel", "CONFIRMED_OPT_IN"));
        assertThat(rows.get(1)).containsEntry("channel", "sms").containsEntry("status", "not_subscribed")
                .containsEntry("stated_at", null);
        assertThat(jdbc.queryForMap("select email_consent, sms_consent from customer where external_id = '9'"))
                .containsEntry("email_consent", "subscribed").containsEntry("sms_consent", "not_subscribed");
    }

    @Test
    void readingTheSameStatementsAgainAddsNothing() {
        commit(customer("9", T2, null, EMAIL_OPT_IN, SMS_DEFAULT));
        commit(customer("9", T2, null, EMAIL_OPT_IN, SMS_DEFAULT));
        PageOutcome editedElsewhere = commit(customer("9", T3, "note changed, consents not", EMAIL_OPT_IN, SMS_DEFAULT));

        assertThat(editedElsewhere.updated()).isEqualTo(1);
        assertThat(count("9")).isEqualTo(2);
    }

    @Test
    void aChangeBackIsKeptAsHistoryOfThreeStatements() {
        commit(customer("9", T1, null, flag("subscribed")));
        commit(customer("9", T2, null, flag("not_subscribed")));
        commit(customer("9", T3, null, flag("subscribed")));
        commit(customer("9", T4, "re-read", flag("subscribed")));

        assertThat(jdbc.queryForList("select s.status from consent_statement s order by s.id", String.class))
                .containsExactly("subscribed", "not_subscribed", "subscribed");
    }

    @Test
    void aStaleVersionAndADeletedCustomerStateNothing() {
        commit(customer("9", T2, null, new Consent("email", "unsubscribed", "emailMarketingConsent", T2, Map.of())));
        PageOutcome stale = commit(customer("9", T1, null, EMAIL_OPT_IN));
        CanonicalCustomer deleted = new CanonicalCustomer("10", null, null, null, null, null, null, null, List.of(),
                null, List.of(EMAIL_OPT_IN), null, null, T1, T1, true);
        commit(deleted);

        assertThat(stale.stale()).isEqualTo(1);
        assertThat(jdbc.queryForList("select status from consent_statement", String.class)).containsExactly("unsubscribed");
    }

    @Test
    void aSingleNameIsStoredAsTheFullNameAndShownByTheApiView() {
        commit(new CanonicalCustomer("cus_1", "anh@example.vn", null, null, null, "Nguyễn Thị Ánh", null, null,
                List.of(), null, List.of(), null, null, T1, T1, false));

        CustomerView view = new CanonicalReader(jdbc).customer("c1", "cus_1").orElseThrow();

        assertThat(view.fullName()).isEqualTo("Nguyễn Thị Ánh");
        assertThat(view.firstName()).isNull();
        assertThat(view.lastName()).isNull();
    }

    @Test
    void customersStoredBeforeConsentStatementsKeepTheirConsentAsAStatementWithoutATime() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestDatabase.newDatabaseUrl("consent_backfill"));
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("14").load().migrate();
        JdbcTemplate old = new JdbcTemplate(database);
        old.update("insert into workspace (id, name) values ('ws', 'Old')");
        old.update("insert into connection (id, workspace_id, connector, name) values ('shop', 'ws', 'shopify', 'Shop')");
        old.update("insert into customer (workspace_id, connection_id, external_id, email_consent, sms_consent,"
                + " source_updated_at, content_hash) values ('ws', 'shop', '1', 'unsubscribed', 'redacted', now(), 'h'),"
                + " ('ws', 'shop', '2', null, null, now(), 'h')");

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        assertThat(old.queryForList("select channel || ' ' || status || ' ' || field || ' ' || evidence::text"
                + " || ' ' || (stated_at is null) from consent_statement order by channel", String.class))
                .containsExactly("email unsubscribed customer.email_consent {\"state\": \"unsubscribed\"} true",
                        "sms not_subscribed customer.sms_consent {\"state\": \"redacted\"} true");
    }

    private static Consent flag(String status) {
        return new Consent("email", status, "extension_attributes.is_subscribed", null,
                Map.of("isSubscribed", status.equals("subscribed")));
    }

    private int count(String externalId) {
        return jdbc.queryForObject("select count(*) from consent_statement s join customer c on c.id = s.customer_id"
                + " where c.external_id = ?", Integer.class, externalId);
    }

    private PageOutcome commit(CanonicalCustomer customer) {
        MappingResult result = new MappingResult.Mapped(JSON.createObjectNode().put("id", customer.externalId())
                .put("v", customer.toString()), customer);
        return committer.commit(new PageCommit(null, connection, null, new MappedPage("customer", List.of(result)), null));
    }

    private static CanonicalCustomer customer(String id, Instant updatedAt, String note, Consent... consents) {
        return new CanonicalCustomer(id, "khach" + id + "@example.vn", null, "Lan", "Trần", null, "vi", "enabled",
                List.of(), note, List.of(consents), null, null, T1, updatedAt, false);
    }

    private static Map<?, ?> json(Object text) {
        try {
            return JSON.readValue(text.toString(), Map.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
