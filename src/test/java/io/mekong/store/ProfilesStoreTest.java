package io.mekong.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.ConnectionContext;
import io.mekong.identity.IdentityResolution;
import io.mekong.identity.IdentityRulesLoader;
import io.mekong.identity.IdentityRules;
import io.mekong.identity.MergeLedger;
import io.mekong.identity.ProfileListener;
import io.mekong.mapping.MappedPage;
import io.mekong.mapping.MappingResult;
import io.mekong.mapping.canonical.CanonicalCustomer;
import io.mekong.mapping.canonical.CanonicalOrder;
import io.mekong.mapping.canonical.CanonicalRecord;
import io.mekong.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolution in the store transaction, against a real PostgreSQL: pages of customers and orders from several systems
 * become profiles, each join is in the ledger, guards and do-not-merge pairs hold, a rebuild reproduces the incremental
 * result, and workspaces never meet.
 */
class ProfilesStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-02T10:00:00Z");

    private final ConnectionContext shopify = new ConnectionContext("shop", "ws1", "shopify", Map.of(), Map.of());
    private final ConnectionContext magento = new ConnectionContext("mage", "ws1", "magento", Map.of(), Map.of());
    private final ConnectionContext shopee = new ConnectionContext("mkt", "ws1", "shopee", Map.of(), Map.of());
    private final ConnectionContext stripe = new ConnectionContext("pay", "ws1", "stripe", Map.of(), Map.of());
    private final ConnectionContext otherShop = new ConnectionContext("shop2", "ws2", "shopify", Map.of(), Map.of());
    private final List<Set<Long>> told = new ArrayList<>();

    private JdbcTemplate jdbc;
    private PageCommitter committer;
    private Tombstones tombstones;
    private MergeLedger ledger;

    @BeforeEach
    void setUp() {
        jdbc = TestDatabase.freshWorkspace("ws1", "shop");
        jdbc.update("insert into workspace (id, name) values ('ws2', 'ws2')");
        for (ConnectionContext c : List.of(magento, shopee, stripe, otherShop)) {
            jdbc.update("insert into connection (id, workspace_id, connector, name) values (?, ?, ?, ?)",
                    c.connectionId(), c.workspaceId(), c.connector(), c.connectionId());
        }
        IdentityRules rules = IdentityRulesLoader.load(Path.of("identity.yaml"));
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("recorder", (ProfileListener) (workspace, ids) -> told.add(ids));
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource()));
        IdentityResolution resolution = new IdentityResolution(jdbc, rules, beans.getBeanProvider(ProfileListener.class));
        List<CanonicalTable<?>> tables = List.of(new CustomerTable(), new OrderTable(), new PaymentTable());
        committer = new PageCommitter(jdbc, transaction, tables, ErasedRecords.NONE, List.of(resolution));
        tombstones = new Tombstones(jdbc, transaction, tables, List.of(resolution));
        ledger = new MergeLedger(jdbc, transaction, resolution, rules);
    }

    @Test
    void onePersonAcrossShopifyMagentoAndStripeIsOneProfileAndTheMaskedMarketplaceBuyerIsNot() {
        store(shopify, customer("7001", "An.Nguyen@Gmail.com", null, "An", "Nguyễn", null, T1));
        store(magento, guestOrder("M-100", "an.nguyen@gmail.com ", "+84912345678", "An Nguyen", T1));
        store(shopee, buyerOrder("SO-1", "55501", null, T1));
        store(stripe, customer("cus_1", "an.nguyen@gmail.com", "+84912345678", "An Nguyen", null,
                Map.of("metadata", Map.of("shopify_customer_id", "7001")), T1));

        long profile = profileOf(shopify, "customer", "7001");
        assertThat(profileOf(magento, "guest", "M-100")).isEqualTo(profile);
        assertThat(profileOf(stripe, "customer", "cus_1")).isEqualTo(profile);
        assertThat(profileOf(shopee, "buyer", "55501")).isNotEqualTo(profile);
        assertThat(jdbc.queryForList("select o.external_id from profile_order p join sales_order o on o.id = p.order_id"
                + " where p.profile_id = ?", String.class, profile)).containsExactly("M-100");

        List<MergeLedger.Merge> merges = ledger.merges(profile);
        assertThat(merges).extracting(MergeLedger.Merge::rule).containsExactly("same-email", "same-email");
        assertThat(merges.get(0).evidence().get("value").asText()).isEqualTo("an.nguyen@gmail.com");
        assertThat(merges.get(0).joined().get("a")).hasSize(1);
        assertThat(told).anySatisfy(profiles -> assertThat(profiles).contains(profile));
    }

    @Test
    void aSourceLinkJoinsWithoutAnySharedEmailOrPhone() {
        store(shopify, customer("7001", "an@shop.vn", null, "An", "Nguyễn", null, T1));
        store(stripe, customer("cus_1", "billing@company.vn", null, "An Nguyen", null,
                Map.of("metadata", Map.of("shopify_customer_id", "7001")), T1));

        long profile = profileOf(shopify, "customer", "7001");
        assertThat(profileOf(stripe, "customer", "cus_1")).isEqualTo(profile);
        assertThat(ledger.merges(profile)).extracting(MergeLedger.Merge::rule).containsExactly("source-link");
    }

    @Test
    void aHotlineSharedByStrangersNeverJoinsThemAndAnEmailSharedByTooManyNamesStopsJoining() {
        // the shipped same-phone rule wants compatible names: strangers on one phone are never one person
        String hotline = "+842838000000";
        store(magento, guestOrder("G1", null, hotline, "Lê Văn Tám", T1), guestOrder("G2", null, hotline, "Trần Thị Bích", T1),
                guestOrder("G3", null, hotline, "Le Van Tam", T1));
        assertThat(profileOf(magento, "guest", "G1")).as("two strangers on one phone")
                .isNotEqualTo(profileOf(magento, "guest", "G2"));
        assertThat(profileOf(magento, "guest", "G3")).as("one of them again, typed without diacritics")
                .isEqualTo(profileOf(magento, "guest", "G1"));

        // same-email joins any names, until more people than guards.maxNamesPerKey hold the address (info@)
        String shared = "info@shop.vn";
        store(magento, guestOrder("E1", shared, null, "Phạm Minh", T1), guestOrder("E2", shared, null, "Hoàng Yến", T1));
        assertThat(profileOf(magento, "guest", "E1")).as("two names: still within maxNamesPerKey")
                .isEqualTo(profileOf(magento, "guest", "E2"));

        long started = System.nanoTime();
        store(magento, guestOrder("E3", shared, null, "Đỗ Quang", T1), guestOrder("E4", shared, null, "Vũ Thu", T1));
        System.out.printf("page with a key turning guarded resolved in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        assertThat(jdbc.queryForObject("select count(distinct profile_id) from identity where connection_id = 'mage'"
                + " and external_id like 'E%'", Integer.class)).isEqualTo(4);
        assertThat(ledger.guardedKeys("ws1", 10)).containsExactly(new MergeLedger.GuardedKey("email", "in********vn", 4, 4));
    }

    @Test
    void aPaymentStoredAfterItsCustomerTellsTheCustomersProfileItChanged() {
        store(stripe, customer("cus_9", "pay@shop.vn", null, "Thanh", "Toán", null, T1));
        long profile = profileOf(stripe, "customer", "cus_9");
        told.clear();

        store(stripe, new io.mekong.mapping.canonical.CanonicalPayment("pi_9", "succeeded", 250_000L, 250_000L, "VND",
                "cus_9", null, null, null, null, null, null, null, null, null, null, null, null, Map.of(), false, T1, T1,
                false));

        assertThat(told).as("the totals count payments: the profile is told").containsExactly(Set.of(profile));
    }

    @Test
    void aGuestOrderLinksToTheProfileOfItsEmailOrPhone() {
        store(shopify, customer("7001", "binh@shop.vn", "+84987654321", "Bình", "Trần", null, T1));
        store(magento, guestOrder("M-1", null, "+84987654321", null, T1), guestOrder("M-2", "BINH@shop.vn", null, null, T1));

        long profile = profileOf(shopify, "customer", "7001");
        assertThat(profileOf(magento, "guest", "M-1")).isEqualTo(profile);
        assertThat(profileOf(magento, "guest", "M-2")).isEqualTo(profile);
    }

    @Test
    void ordersStoredBeforeTheirCustomerBelongToItOnceItArrives() {
        store(shopify, buyerOrder("9001", "7002", "chi@shop.vn", T1));
        long buyerProfile = profileOf(shopify, "buyer", "7002");

        store(shopify, customer("7002", "chi@shop.vn", null, "Chi", "Lê", null, T1));

        assertThat(jdbc.queryForObject("select count(*) from identity where kind = 'buyer'", Integer.class)).isZero();
        long profile = profileOf(shopify, "customer", "7002");
        assertThat(jdbc.queryForList("select o.external_id from profile_order p join sales_order o on o.id = p.order_id"
                + " where p.profile_id = ?", String.class, profile)).containsExactly("9001");
        assertThat(told).anySatisfy(profiles -> assertThat(profiles).contains(buyerProfile));
        assertThat(jdbc.queryForObject("select count(*) from profile p where not exists"
                + " (select 1 from identity i where i.profile_id = p.id)", Integer.class))
                .as("profiles left with no identity").isZero();
    }

    @Test
    void aProfileDeletedByAMergeOrByItsBuyerBecomingACustomerNamesTheProfileItsPeopleWentTo() {
        store(shopify, customer("7001", "an.typo@exmaple.com", null, "An", "Nguyễn", null, T1));
        store(magento, guestOrder("M-1", "an@example.com", "+84912345678", "An Nguyễn", T1));
        long customerProfile = profileOf(shopify, "customer", "7001");
        long guestProfile = profileOf(magento, "guest", "M-1");
        assertThat(customerProfile).as("two emails, no shared key yet").isNotEqualTo(guestProfile);

        // the customer gives the guest's phone: one person, one profile deleted
        store(shopify, customer("7001", "an.typo@exmaple.com", "+84912345678", "An", "Nguyễn", null, T2));
        long survivor = profileOf(shopify, "customer", "7001");
        assertThat(profileOf(magento, "guest", "M-1")).isEqualTo(survivor);
        long merged = survivor == customerProfile ? guestProfile : customerProfile;
        assertThat(successorOf(merged)).isEqualTo(survivor);

        store(shopify, buyerOrder("9001", "7002", "chi@shop.vn", T1));
        long buyerProfile = profileOf(shopify, "buyer", "7002");
        store(shopify, customer("7002", "chi@shop.vn", null, "Chi", "Lê", null, T1));
        assertThat(jdbc.queryForObject("select count(*) from profile where id = ?", Integer.class, buyerProfile))
                .as("the buyer's profile is gone").isZero();
        assertThat(successorOf(buyerProfile)).isEqualTo(profileOf(shopify, "customer", "7002"));
        assertThat(successorOf(survivor)).as("a live profile has none").isNull();
    }

    @Test
    void unmergeKeepsTheSidesApartAndARebuildReproducesTheSameProfiles() {
        store(shopify, customer("7001", "an@shop.vn", "+84912345678", "An", "Nguyễn", null, T1));
        store(magento, guestOrder("M-1", "an@shop.vn", null, "An Nguyen", T1));
        store(stripe, customer("cus_1", null, "+84912345678", "An Nguyen", null, null, T1));
        long profile = profileOf(shopify, "customer", "7001");
        MergeLedger.Merge stripeJoin = ledger.merges(profile).stream().filter(m -> m.rule().equals("same-phone")).findFirst().orElseThrow();

        MergeLedger.Unmerged unmerged = ledger.unmerge("ws1", profile, stripeJoin.id(), "merchant1");

        long stripeProfile = profileOf(stripe, "customer", "cus_1");
        assertThat(unmerged.profiles()).containsExactlyInAnyOrder(profile, stripeProfile);
        assertThat(stripeProfile).isNotEqualTo(profile);
        assertThat(profileOf(magento, "guest", "M-1")).as("the other join stays").isEqualTo(profile);
        assertThat(ledger.merges(profile)).filteredOn(m -> m.id() == stripeJoin.id())
                .singleElement().satisfies(m -> assertThat(m.undoneBy()).isEqualTo("merchant1"));
        assertThatThrownBy(() -> ledger.unmerge("ws1", profile, stripeJoin.id(), "merchant1"))
                .isInstanceOf(MergeLedger.Refused.class).hasMessageContaining("was undone");

        // the next change of either side resolves again and honours the pair
        store(stripe, customer("cus_1", "an.other@company.vn", "+84912345678", "An Nguyen", null, null, T2));
        assertThat(profileOf(stripe, "customer", "cus_1")).isEqualTo(stripeProfile);

        Map<Long, Long> incremental = profiles("ws1");
        MergeLedger.Rebuilt rebuilt = ledger.rebuild("ws1");
        assertThat(profiles("ws1")).isEqualTo(incremental);
        assertThat(rebuilt.merges()).isZero();
        assertThat(rebuilt.profiles()).isEqualTo(new HashSet<>(incremental.values()).size());
    }

    @Test
    void aRebuildFromScratchGivesTheIncrementalPartition() {
        store(shopify, customer("7001", "an@shop.vn", "+84912345678", "An", "Nguyễn", null, T1),
                customer("7002", "binh@shop.vn", null, "Bình", "Trần", null, T1));
        store(magento, guestOrder("M-1", "binh@shop.vn", "+84900000001", null, T1),
                guestOrder("M-2", null, "+84900000001", "Bình Trần", T1));
        store(stripe, customer("cus_1", "AN@shop.vn", null, "An Nguyen", null, null, T1));
        Set<Set<String>> incremental = partition();
        assertThat(incremental).hasSize(2);

        jdbc.update("delete from identity where workspace_id = 'ws1'");
        jdbc.update("delete from profile where workspace_id = 'ws1'");
        MergeLedger.Rebuilt rebuilt = ledger.rebuild("ws1");

        assertThat(partition()).isEqualTo(incremental);
        assertThat(rebuilt.identities()).isEqualTo(5);
        assertThat(rebuilt.profiles()).isEqualTo(2);
    }

    @Test
    void aDeletedOrderIsNoEvidence() {
        store(shopify, customer("7001", "an@shop.vn", null, "An", "Nguyễn", null, T1));
        store(magento, guestOrder("M-1", "an@shop.vn", null, null, T1));
        long profile = profileOf(shopify, "customer", "7001");
        assertThat(profileOf(magento, "guest", "M-1")).isEqualTo(profile);

        tombstones.bury("mage", "order", Map.of("M-1", T2), null, null);

        assertThat(profileOf(magento, "guest", "M-1")).isNotEqualTo(profile);
        assertThat(profileOf(shopify, "customer", "7001")).isEqualTo(profile);
    }

    @Test
    void twoWorkspacesNeverJoin() {
        store(shopify, customer("7001", "an@shop.vn", "+84912345678", "An", "Nguyễn", null, T1));
        store(otherShop, customer("7001", "an@shop.vn", "+84912345678", "An", "Nguyễn", null, T1));

        long first = profileOf(shopify, "customer", "7001");
        long second = profileOf(otherShop, "customer", "7001");
        assertThat(first).isNotEqualTo(second);
        assertThat(jdbc.queryForObject("select workspace_id from profile where id = ?", String.class, second)).isEqualTo("ws2");
        assertThat(ledger.merges(first)).isEmpty();

        ledger.rebuild("ws1");
        assertThat(profileOf(otherShop, "customer", "7001")).isEqualTo(second);
        assertThat(ledger.guardedKeys("ws2", 10)).isEmpty();
    }

    @Test
    void pagesOfCustomersResolveInAFewStatementsEach() {
        for (String page : List.of("p", "q")) {
            List<CanonicalRecord> records = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                records.add(customer(page + i, page + (i / 2) + "@shop.vn",
                        (page.equals("p") ? "+8490" : "+8491") + String.format("%07d", i / 3), "Name " + (i / 6) % 40, null, null, T1));
            }
            long started = System.nanoTime();
            store(shopify, records.toArray(CanonicalRecord[]::new));
            System.out.printf("page %s: 250 customers stored and resolved in %d ms%n", page, (System.nanoTime() - started) / 1_000_000);
        }

        // the same page shape stored without resolution, for comparison in the output
        PageCommitter storeOnly = new PageCommitter(jdbc, new TransactionTemplate(new DataSourceTransactionManager(
                TestDatabase.dataSource())), List.of(new CustomerTable(), new OrderTable()));
        for (String page : List.of("r", "s")) {
            List<MappingResult> results = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                CanonicalCustomer c = customer(page + i, page + (i / 2) + "@shop.vn", "+8492" + String.format("%07d", i / 3),
                        "Name " + i % 40, null, null, T1);
                results.add(new MappingResult.Mapped(JSON.createObjectNode().put("id", c.externalId()), c));
            }
            long started = System.nanoTime();
            storeOnly.commit(new PageCommit(null, shopify, null, new MappedPage("customer", results), null));
            System.out.printf("page %s: 250 customers stored without resolution in %d ms%n", page,
                    (System.nanoTime() - started) / 1_000_000);
        }

        assertThat(profiles("ws1")).hasSize(500);
        // emails pair customers (0-1, 2-3, ...) and phones triple them (0-2, 3-5, ...): together they chain every six
        // customers, 250 / 6 rounded up per page
        assertThat(new HashSet<>(profiles("ws1").values())).hasSize(84);
    }

    private void store(ConnectionContext connection, CanonicalRecord... records) {
        String entity = records[0] instanceof CanonicalOrder ? "order"
                : records[0] instanceof io.mekong.mapping.canonical.CanonicalPayment ? "payment" : "customer";
        List<MappingResult> results = new ArrayList<>();
        for (CanonicalRecord record : records) {
            results.add(new MappingResult.Mapped(JSON.createObjectNode().put("id", record.externalId()), record));
        }
        committer.commit(new PageCommit(null, connection, null, new MappedPage(entity, results), null));
    }

    private long profileOf(ConnectionContext connection, String kind, String externalId) {
        return jdbc.queryForObject("select profile_id from identity where connection_id = ? and kind = ? and external_id = ?",
                Long.class, connection.connectionId(), kind, externalId);
    }

    private Long successorOf(long profile) {
        return jdbc.query("select successor_id from profile_successor where profile_id = ?",
                (rs, n) -> rs.getLong(1), profile).stream().findFirst().orElse(null);
    }

    /** Each identity's profile, by identity id. */
    private Map<Long, Long> profiles(String workspace) {
        Map<Long, Long> profiles = new java.util.TreeMap<>();
        jdbc.query("select id, profile_id from identity where workspace_id = ?", rs -> {
            profiles.put(rs.getLong(1), rs.getLong(2));
        }, workspace);
        return profiles;
    }

    /** The workspace's profiles as sets of connection/kind/external id, independent of ids. */
    private Set<Set<String>> partition() {
        Map<Long, Set<String>> groups = new java.util.HashMap<>();
        jdbc.query("select profile_id, connection_id || '/' || kind || '/' || external_id from identity where workspace_id = 'ws1'",
                rs -> {
                    groups.computeIfAbsent(rs.getLong(1), p -> new HashSet<>()).add(rs.getString(2));
                });
        return new HashSet<>(groups.values());
    }

    private static CanonicalCustomer customer(String id, String email, String phone, String first, String last,
                                              Map<String, Object> attributes, Instant updatedAt) {
        return new CanonicalCustomer(id, email, phone, first, last, null, null, null, List.of(), null, List.of(), null,
                attributes, T1, updatedAt, false);
    }

    private static CanonicalOrder guestOrder(String id, String email, String phone, String name, Instant updatedAt) {
        return order(id, null, email, phone, name, updatedAt);
    }

    private static CanonicalOrder buyerOrder(String id, String buyer, String email, Instant updatedAt) {
        return order(id, buyer, email, null, "P******n", updatedAt);
    }

    private static CanonicalOrder order(String id, String customer, String email, String phone, String name, Instant updatedAt) {
        CanonicalOrder.Line line = new CanonicalOrder.Line(id + "-1", "p1", "v1", "SKU-1", "Áo dài lụa", null, 1, 1,
                100_000L, 0, "VND");
        io.mekong.mapping.canonical.Address billing = name == null ? null
                : new io.mekong.mapping.canonical.Address(name, null, null, null, null, null, null, null, null, null, null);
        return new CanonicalOrder(id, "#" + id, customer, email, phone, "VND", "VND", 100_000L, 0L, 0L, 0L, 100_000L, 0,
                "paid", "fulfilled", "open", null, null, T1, billing, null, List.of(), null, null, false, List.of(line),
                List.of(), List.of(), null, T1, updatedAt, false);
    }
}
