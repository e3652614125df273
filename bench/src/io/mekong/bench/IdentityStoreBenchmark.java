package io.mekong.bench;

import io.mekong.identity.IdentityResolution;
import io.mekong.identity.MergeLedger;
import io.mekong.mapping.MappingFunctions;
import io.mekong.store.Emails;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark P4, speed half: labelled synthetic people ({@link PeopleGenerator}) stored as the canonical tables hold
 * them (a customer record per customer identity; one order per guest or marketplace buyer), then resolved through the
 * database by the hub's own services three ways:
 * <ol>
 *   <li><b>incrementally</b>: page after page of stored records given to {@link IdentityResolution} in its own
 *       transaction, as {@code store:commit} does at the end of every page (the store write itself not counted);</li>
 *   <li><b>as a batch rebuild</b> over the profiles that left: {@link MergeLedger#rebuild}, what
 *       {@code POST /api/profiles/rebuild} runs;</li>
 *   <li>the same rebuild from no identities at all (a first start on data stored before resolution existed).</li>
 * </ol>
 * Each includes everything resolution does in its transaction: identities and keys, components, profiles, the merge
 * ledger, and the golden record and totals of every changed profile. Each prints its time, the profiles it left and
 * their pairwise quality against the labels; all three must leave the same grouping.
 *
 * <p>Usage: {@code IdentityStoreBenchmark [identities] [seed] [pageSize]} (default 1000000, 20261207, 250).
 */
public final class IdentityStoreBenchmark {

    private static final String WORKSPACE = "default";
    private static final int LOAD_BATCH = 10_000;

    public static void main(String[] args) throws Exception {
        int identities = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261207L;
        int pageSize = args.length > 2 ? Integer.parseInt(args[2]) : 250;
        List<PeopleGenerator.Appearance> people = PeopleGenerator.generate(seed, identities, 0.2);
        Path dataDir = BenchHub.dataDir("p4");
        try (ConfigurableApplicationContext app = BenchHub.start(dataDir)) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
            long loadStart = System.nanoTime();
            Map<String, Map<String, List<String>>> pages = load(jdbc, people);
            System.out.printf("loaded %,d identities (%,d people) in %.1f s%n", people.size(),
                    people.get(people.size() - 1).person() + 1, seconds(loadStart));

            IdentityResolution resolution = app.getBean(IdentityResolution.class);
            emptyProfiles(jdbc);
            long incrementalStart = System.nanoTime();
            int pageCount = 0;
            for (var connection : pages.entrySet()) {
                for (var entity : connection.getValue().entrySet()) {
                    List<String> ids = entity.getValue();
                    for (int from = 0; from < ids.size(); from += pageSize) {
                        List<String> page = ids.subList(from, Math.min(ids.size(), from + pageSize));
                        transaction.executeWithoutResult(status ->
                                resolution.stored(connection.getKey(), entity.getKey(), page));
                        if (++pageCount % 200 == 0) {
                            System.out.printf("  %,d pages, %.1f s%n", pageCount, seconds(incrementalStart));
                        }
                    }
                }
            }
            double incremental = seconds(incrementalStart);
            Map<String, Long> incrementalGroups = groups(jdbc);
            Measured afterIncremental = quality(jdbc, people, incrementalGroups);

            double floor = floor(jdbc);

            MergeLedger ledger = app.getBean(MergeLedger.class);
            long rebuildStart = System.nanoTime();
            MergeLedger.Rebuilt rebuilt = ledger.rebuild(WORKSPACE);
            double rebuild = seconds(rebuildStart);
            Map<String, Long> rebuildGroups = groups(jdbc);
            Measured afterRebuild = quality(jdbc, people, rebuildGroups);

            emptyProfiles(jdbc);
            long firstBuildStart = System.nanoTime();
            ledger.rebuild(WORKSPACE);
            double firstBuild = seconds(firstBuildStart);
            Map<String, Long> firstBuildGroups = groups(jdbc);
            Measured afterFirstBuild = quality(jdbc, people, firstBuildGroups);

            System.out.printf("%nmachine: %d cores, Java %s, load average %s%n%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.println("| path | identities | pages | seconds | identities/s | profiles | precision | recall |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            row("incremental, from no identities (pages of " + pageSize + ")", people.size(), pageCount, incremental,
                    afterIncremental);
            row("batch rebuild over those profiles", people.size(), 1, rebuild, afterRebuild);
            row("batch rebuild from no identities", people.size(), 1, firstBuild, afterFirstBuild);
            System.out.printf("| floor: the database writing the same rows from a copy of them | %,d | 1 | %.1f | %,.0f | | | |%n",
                    people.size(), floor, people.size() / floor);
            System.out.printf("%nthe rebuild reported %,d profiles, %,d identities, %,d merges%n", rebuilt.profiles(),
                    rebuilt.identities(), rebuilt.merges());
            System.out.println("grouping of the rebuild over the incremental profiles against them: "
                    + comparison(incrementalGroups, rebuildGroups, people));
            System.out.println("grouping of the rebuild from no identities against the incremental one: "
                    + comparison(incrementalGroups, firstBuildGroups, people));
        }
    }

    private record Measured(long profiles, io.mekong.bench.PairCounts counts) {
    }

    private static void row(String path, int identities, int pages, double seconds, Measured m) {
        System.out.printf("| %s | %,d | %,d | %.1f | %,.0f | %,d | %.4f | %.4f |%n", path, identities, pages, seconds,
                identities / seconds, m.profiles(), m.counts().precision(), m.counts().recall());
    }

    /**
     * Stores every appearance as its source would through the mappings: customers with their email and E.164 phone;
     * guests and marketplace buyers as one order each (a buyer's order names the buyer's reference, a guest's none).
     * Returns, per connection and entity, the external ids in the order a sync would store them.
     */
    private static Map<String, Map<String, List<String>>> load(JdbcTemplate jdbc, List<PeopleGenerator.Appearance> people) {
        Map<String, Map<String, List<String>>> pages = new LinkedHashMap<>();
        List<Object[]> customers = new ArrayList<>();
        List<Object[]> orders = new ArrayList<>();
        for (PeopleGenerator.Appearance a : people) {
            String connection = "p4-" + a.source();
            if (!pages.containsKey(connection)) {
                jdbc.update("insert into connection (id, workspace_id, connector, name) values (?, ?, ?, ?)",
                        connection, WORKSPACE, a.source(), a.source());
            }
            String phone = e164(a.phone());
            if (a.kind().equals("customer")) {
                pages.computeIfAbsent(connection, c -> new LinkedHashMap<>())
                        .computeIfAbsent("customer", e -> new ArrayList<>()).add(a.externalId());
                customers.add(new Object[] {connection, a.externalId(), a.email(), Emails.normalize(a.email()), phone,
                    a.firstName(), a.lastName()});
            } else {
                String order = "order-" + a.externalId();
                pages.computeIfAbsent(connection, c -> new LinkedHashMap<>())
                        .computeIfAbsent("order", e -> new ArrayList<>()).add(order);
                String name = ((a.firstName() == null ? "" : a.firstName()) + " "
                        + (a.lastName() == null ? "" : a.lastName())).strip();
                orders.add(new Object[] {connection, order, a.kind().equals("buyer") ? a.externalId() : null, a.email(),
                    Emails.normalize(a.email()), phone == null ? a.phone() : phone,
                    "{\"name\": " + io.mekong.config.Json.MAPPER.valueToTree(name) + "}"});
            }
            if (customers.size() == LOAD_BATCH) {
                insertCustomers(jdbc, customers);
            }
            if (orders.size() == LOAD_BATCH) {
                insertOrders(jdbc, orders);
            }
        }
        insertCustomers(jdbc, customers);
        insertOrders(jdbc, orders);
        jdbc.execute("vacuum analyze customer");
        jdbc.execute("vacuum analyze sales_order");
        return pages;
    }

    private static void insertCustomers(JdbcTemplate jdbc, List<Object[]> rows) {
        jdbc.batchUpdate("""
                insert into customer (workspace_id, connection_id, external_id, email, email_normalized, phone, first_name,
                  last_name, source_created_at, source_updated_at, content_hash)
                values ('default', ?, ?, ?, ?, ?, ?, ?, now(), now(), 'p4')""", rows);
        rows.clear();
    }

    private static void insertOrders(JdbcTemplate jdbc, List<Object[]> rows) {
        jdbc.batchUpdate("""
                insert into sales_order (workspace_id, connection_id, external_id, customer_external_id, email,
                  email_normalized, phone, billing_address, currency, total_minor, financial_status, status, placed_at,
                  source_created_at, source_updated_at, content_hash)
                values ('default', ?, ?, ?, ?, ?, ?, ?::jsonb, 'VND', 250000, 'paid', 'open', now(), now(), now(), 'p4')""",
                rows);
        rows.clear();
    }

    /**
     * The least any resolution can cost: the rows resolution left (profiles with their golden record and totals,
     * identities, keys, the ledger) written again into the same tables, with the same indexes and foreign keys, by
     * one {@code insert ... select} per table from a copy inside the database: no statement per page, no reading, no
     * computing, no network. Leaves the tables as they were.
     */
    private static double floor(JdbcTemplate jdbc) {
        String[] tables = {"profile", "identity", "identity_key", "profile_merge"};
        for (String table : tables) {
            jdbc.execute("create table p4_copy_" + table + " as select * from " + table);
        }
        emptyProfiles(jdbc);
        long started = System.nanoTime();
        for (String table : tables) {
            jdbc.execute("insert into " + table + " select * from p4_copy_" + table);
        }
        double seconds = seconds(started);
        for (String table : tables) {
            jdbc.execute("drop table p4_copy_" + table);
        }
        jdbc.execute("vacuum analyze identity, identity_key, profile, profile_merge");
        return seconds;
    }

    private static void emptyProfiles(JdbcTemplate jdbc) {
        jdbc.execute("truncate identity, identity_key, profile, profile_merge, do_not_merge cascade");
        jdbc.execute("vacuum analyze identity, identity_key, profile, profile_merge");
    }

    /** Each identity's profile, by its source's external id (an order's identity is known by its order). */
    private static Map<String, Long> groups(JdbcTemplate jdbc) {
        Map<String, Long> groups = new HashMap<>();
        jdbc.query("select i.kind, i.external_id, i.profile_id from identity i", rs -> {
            String id = rs.getString(2);
            groups.put(id.startsWith("order-") ? id.substring("order-".length()) : id, rs.getLong(3));
        });
        return groups;
    }

    private static Measured quality(JdbcTemplate jdbc, List<PeopleGenerator.Appearance> people, Map<String, Long> groups) {
        int[] person = new int[people.size()];
        long[] profile = new long[people.size()];
        for (int i = 0; i < people.size(); i++) {
            PeopleGenerator.Appearance a = people.get(i);
            person[i] = a.person();
            Long p = groups.get(a.externalId());
            if (p == null) {
                throw new IllegalStateException("no identity for " + a.externalId());
            }
            profile[i] = p;
        }
        long profiles = jdbc.queryForObject("select count(*) from profile", Long.class);
        return new Measured(profiles, PairCounts.of(person, profile));
    }

    /**
     * "same" when two assignments group the same identities together, whatever the profiles' ids; else how many
     * identities are grouped differently, with the first such group on each side (external ids and names).
     */
    private static String comparison(Map<String, Long> a, Map<String, Long> b, List<PeopleGenerator.Appearance> people) {
        Map<Long, java.util.TreeSet<String>> membersA = members(a);
        Map<Long, java.util.TreeSet<String>> membersB = members(b);
        List<String> differing = a.keySet().stream().sorted()
                .filter(id -> !membersA.get(a.get(id)).equals(membersB.get(b.get(id)))).toList();
        if (differing.isEmpty()) {
            return "same";
        }
        Map<String, String> names = new HashMap<>();
        people.forEach(p -> names.put(p.externalId(), p.firstName() + " " + p.lastName() + " <" + p.email() + "> " + p.phone()));
        String first = differing.get(0);
        return "%,d identities differ, e.g. %s against %s".formatted(differing.size(),
                membersA.get(a.get(first)).stream().map(id -> id + " " + names.get(id)).toList(),
                membersB.get(b.get(first)).stream().map(id -> id + " " + names.get(id)).toList());
    }

    private static Map<Long, java.util.TreeSet<String>> members(Map<String, Long> groups) {
        Map<Long, java.util.TreeSet<String>> members = new HashMap<>();
        groups.forEach((id, profile) -> members.computeIfAbsent(profile, p -> new java.util.TreeSet<>()).add(id));
        return members;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String e164(String phone) {
        try {
            return MappingFunctions.e164(phone, "VN");
        } catch (IllegalArgumentException notAPhone) {
            return null;
        }
    }
}
