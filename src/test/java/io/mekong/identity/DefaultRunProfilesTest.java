package io.mekong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.MekongApplication;
import io.mekong.ops.AdminBootstrap;
import io.mekong.sandbox.PeopleTyping;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.SandboxPeople.Group;
import io.mekong.sandbox.SandboxPeople.Sighting;
import io.mekong.sandbox.lazada.LazadaSandboxConfiguration;
import io.mekong.sandbox.shopee.ShopeeSandboxConfiguration;
import io.mekong.sandbox.shopify.ShopSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The single customer view of the default run, held against the sandbox's ground truth ({@link SandboxPeople}). The
 * hub starts as {@code ./mvnw spring-boot:run} starts it: sandbox and demo on, the demo shops at their default sizes,
 * on a random port (the merchant's scheduled activity is put off, so that the data holds still while it is read).
 * Once the demo's start-up syncs have ended and the webhook inbox is empty, every profile of the default workspace is
 * read through the API, and:
 * <ul>
 *   <li>each group of records that honest evidence joins is one profile, which lists every order of theirs and whose
 *       totals count them;</li>
 *   <li>no profile holds two people: not the strangers who gave the shop's hotline, not a household sharing a phone,
 *       and a marketplace buyer (masked name and phone) joins no other channel;</li>
 *   <li>every merge names its rule and evidence; a source record names its profile; a person is found by any form of
 *       their email or phone.</li>
 * </ul>
 */
class DefaultRunProfilesTest {

    private static final String PASSWORD = "default-run-profiles-admin";
    private static final String WORKSPACE = AdminBootstrap.DEFAULT_WORKSPACE;
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(10);
    /** The demo's connections, one start-up run each. */
    private static final int DEMO_CONNECTIONS = 9;
    /** The rules of the default identity.yaml. */
    private static final Set<String> RULES = Set.of("same-email", "same-phone", "source-link", "same-phone-and-name");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext hub;
    private static int port;
    private static SandboxPeople truth;
    /** Every profile of the workspace as GET /api/profiles/{id} shows it, and as the search lists it, by id. */
    private static final Map<Long, JsonNode> profiles = new LinkedHashMap<>();
    private static final Map<Long, JsonNode> listed = new LinkedHashMap<>();
    /** "connection/externalId" of a customer identity or of an order → the profiles that list it. */
    private static final Map<String, Set<Long>> customerIn = new HashMap<>();
    private static final Map<String, Set<Long>> orderIn = new HashMap<>();

    @BeforeAll
    static void startTheDefaultRunAndReadEveryProfile() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "default-run-profiles-");
        hub = new SpringApplicationBuilder(MekongApplication.class).run("--server.port=0",
                "--mekong.data-dir=" + dataDir, "--mekong.admin-password=" + PASSWORD,
                "--mekong.master-key=default-run-profiles-test-passphrase", "--mekong.sandbox.enabled=true",
                "--mekong.demo.activity-every=PT1H", "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false",
                // Quartz keeps its data sources in one registry per JVM, by scheduler name: a name of its own keeps
                // this hub from taking over the scheduler of the tests' shared context
                "--spring.quartz.properties.org.quartz.scheduler.instanceName=default-run-profiles-test");
        port = ((WebServerApplicationContext) hub).getWebServer().getPort();
        truth = hub.getBean(SandboxPeople.class);
        awaitSettled(hub.getBean(JdbcTemplate.class));
        Long after = null;
        do {
            JsonNode page = get("/api/profiles?limit=200&workspace=" + WORKSPACE + (after == null ? "" : "&after=" + after));
            page.get("profiles").forEach(p -> listed.put(p.get("id").asLong(), p));
            // the last page has no next (null or left out)
            after = page.path("next").isNumber() ? page.get("next").asLong() : null;
        } while (after != null);
        for (long id : listed.keySet()) {
            JsonNode profile = get("/api/profiles/" + id + "?workspace=" + WORKSPACE);
            profiles.put(id, profile);
            profile.get("identities").forEach(i -> {
                if (i.get("kind").asText().equals("customer")) {
                    customerIn.computeIfAbsent(key(i.get("connection").asText(), i.get("externalId").asText()),
                            k -> new TreeSet<>()).add(id);
                }
            });
            profile.get("orders").forEach(o -> orderIn.computeIfAbsent(
                    key(o.get("connection").asText(), o.get("externalId").asText()), k -> new TreeSet<>()).add(id));
        }
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void everyCustomerAndOrderOfTheSandboxIsInExactlyOneProfile() {
        List<String> wrong = new ArrayList<>();
        for (Sighting s : truth.sightings()) {
            Set<Long> in = profilesOf(s);
            if (in.size() != 1) {
                wrong.add(s.entity() + " " + key(s) + " is in profiles " + in);
            }
        }
        assertThat(truth.sightings()).hasSizeGreaterThan(4000);
        assertThat(wrong).as("records not in exactly one profile (%d of them)", wrong.size()).isEmpty();
    }

    @Test
    void eachPersonsHonestlyJoinedRecordsAreOneProfile() {
        List<String> split = new ArrayList<>();
        for (Group group : truth.joinable()) {
            Set<Long> in = profilesOf(group);
            if (in.size() != 1) {
                split.add(group.person() + " (keys " + group.keys() + ") is split over profiles " + in);
            }
        }
        assertThat(split).as("people whose records share honest keys but are not one profile (%d)", split.size()).isEmpty();
    }

    @Test
    void noProfileHoldsTwoPeople() {
        Map<String, Set<String>> households = households();
        List<String> merged = new ArrayList<>();
        profileToPeople().forEach((profile, people) -> {
            // a household sharing a phone has a test of its own below, so that it fails on its own
            boolean onlyHouseholds = people.stream().allMatch(p -> households.getOrDefault(p, Set.of()).stream()
                    .anyMatch(other -> !other.equals(p) && people.contains(other)));
            if (people.size() > 1 && !onlyHouseholds) {
                merged.add("profile " + profile + " holds " + people + "; merges " + profiles.get(profile).get("merges"));
            }
        });
        assertThat(merged).as("profiles holding records of different people (%d)", merged.size()).isEmpty();
    }

    @Test
    void theStrangersWhoGaveTheShopsHotlineAreSeparateProfiles() {
        String hotline = SandboxPeople.phone("028 3823 4567", "VN");
        Set<String> callers = truth.sharedEvidence().get(hotline);
        assertThat(callers).hasSizeGreaterThanOrEqualTo(20);
        Map<Long, Set<String>> callersByProfile = new HashMap<>();
        truth.sightings().stream().filter(s -> callers.contains(s.person()))
                .forEach(s -> profilesOf(s).forEach(p -> callersByProfile.computeIfAbsent(p, k -> new TreeSet<>()).add(s.person())));
        assertThat(callersByProfile).allSatisfy((profile, people) -> assertThat(people).as("profile %d", profile).hasSize(1));
        String number = hotline.substring("phone:".length());
        assertThat(profiles.values()).allSatisfy(p -> assertThat(p.get("merges").toString())
                .as("merges of profile %s", p.get("id")).doesNotContain(number));
    }

    @Test
    void aHouseholdSharingAPhoneIsTwoProfiles() {
        Map<String, Set<String>> households = households();
        assertThat(households).isNotEmpty();
        households.forEach((person, others) -> {
            Set<Long> theirs = profilesOfPerson(person);
            others.forEach(other -> assertThat(theirs).as("%s and %s share only a home phone", person, other)
                    .doesNotContainAnyElementsOf(profilesOfPerson(other)));
        });
    }

    @Test
    void aMarketplaceBuyerIsAProfileOfTheirMarketplaceOrdersOnly() {
        List<Group> buyers = truth.joinable().stream()
                .filter(g -> g.sightings().stream().anyMatch(s -> s.connector().equals("shopee") || s.connector().equals("lazada")))
                .toList();
        assertThat(buyers).hasSizeGreaterThan(100);
        for (Group buyer : buyers) {
            String connection = connection(buyer.sightings().get(0));
            for (long profile : profilesOf(buyer)) {
                assertThat(profiles.get(profile).get("identities")).as("profile %d of %s", profile, buyer.keys())
                        .allSatisfy(i -> assertThat(i.get("connection").asText()).isEqualTo(connection));
            }
        }
    }

    @Test
    void aProfileListsEveryOrderOfItsPersonAndItsTotalsCountThem() {
        for (Group group : truth.joinable()) {
            Set<Long> in = profilesOf(group);
            if (in.size() != 1) {
                continue; // told by eachPersonsHonestlyJoinedRecordsAreOneProfile
            }
            long id = in.iterator().next();
            JsonNode profile = profiles.get(id);
            Set<String> listedOrders = new HashSet<>();
            profile.get("orders").forEach(o -> listedOrders.add(key(o.get("connection").asText(), o.get("externalId").asText())));
            Set<String> theirs = group.sightings().stream().filter(s -> !s.isCustomer()).map(DefaultRunProfilesTest::key)
                    .collect(Collectors.toSet());
            assertThat(listedOrders).as("orders of profile %d (%s)", id, group.person()).containsAll(theirs);
            assertThat(profile.get("totals").get("orders").asInt()).as("totals of profile %d", id).isEqualTo(listedOrders.size());
            assertThat(listed.get(id).get("orders").asInt()).as("search summary of profile %d", id).isEqualTo(listedOrders.size());
        }
    }

    @Test
    void everyMergeNamesItsRuleAndEvidence() {
        Set<String> used = new TreeSet<>();
        for (JsonNode profile : profiles.values()) {
            if (profile.get("identities").size() > 1) {
                assertThat(profile.get("merges")).as("merge history of profile %s", profile.get("id")).isNotEmpty();
            }
            profile.get("merges").forEach(m -> {
                assertThat(m.get("rule").asText()).as("%s", m).isIn(RULES);
                assertThat(m.get("evidence").isEmpty()).as("evidence of %s", m).isFalse();
                assertThat(m.get("joined").isEmpty()).as("records joined by %s", m).isFalse();
                used.add(m.get("rule").asText());
            });
        }
        // people join by email and, those who gave only a phone, by phone
        assertThat(used).contains("same-email", "same-phone");
    }

    @Test
    void aSourceCustomerNamesItsProfile() throws IOException, InterruptedException {
        for (Sighting s : truth.sightings()) {
            if (s.isCustomer()) {
                JsonNode customer = get("/api/customers/" + enc(connection(s)) + "/" + enc(s.externalId()) + "?workspace=" + WORKSPACE);
                assertThat(Set.of(customer.get("profile").asLong())).as("profile of customer %s", key(s)).isEqualTo(profilesOf(s));
            }
        }
    }

    @Test
    void aPersonIsFoundByAnyFormOfTheirEmailOrPhone() throws IOException, InterruptedException {
        int searched = 0;
        for (Group group : truth.joinable()) {
            Set<Long> in = profilesOf(group);
            if (in.size() != 1 || group.keys().isEmpty() || group.sightings().size() < 3) {
                continue;
            }
            long id = in.iterator().next();
            for (String key : group.keys()) {
                String query = key.startsWith("email:") ? "email=" + enc(key.substring(6).toUpperCase())
                        : key.startsWith("phone:") ? "phone=" + enc(PeopleTyping.phone(key.substring(6), 2)) : null;
                if (query != null) {
                    JsonNode found = get("/api/profiles?" + query + "&workspace=" + WORKSPACE);
                    assertThat(found.get("profiles").findValues("id").stream().map(JsonNode::asLong))
                            .as("search %s for %s", query, group.person()).contains(id);
                    searched++;
                }
            }
        }
        assertThat(searched).isGreaterThan(100);
    }

    // ---------- the truth on the hub's terms ----------

    /** Who, by the truth, has records in each profile. */
    private static Map<Long, Set<String>> profileToPeople() {
        Map<Long, Set<String>> people = new HashMap<>();
        truth.sightings().forEach(s -> profilesOf(s).forEach(p -> people.computeIfAbsent(p, k -> new TreeSet<>()).add(s.person())));
        return people;
    }

    /** People who share a phone with exactly one other person (a household), each with the other (never itself). */
    private static Map<String, Set<String>> households() {
        Map<String, Set<String>> households = new HashMap<>();
        truth.sharedEvidence().forEach((evidence, people) -> {
            if (evidence.startsWith("phone:") && people.size() == 2) {
                people.forEach(p -> people.stream().filter(other -> !other.equals(p))
                        .forEach(other -> households.computeIfAbsent(p, k -> new TreeSet<>()).add(other)));
            }
        });
        return households;
    }

    private static Set<Long> profilesOfPerson(String person) {
        return truth.byPerson().get(person).stream().flatMap(s -> profilesOf(s).stream()).collect(Collectors.toSet());
    }

    private static Set<Long> profilesOf(Group group) {
        return group.sightings().stream().flatMap(s -> profilesOf(s).stream()).collect(Collectors.toSet());
    }

    private static Set<Long> profilesOf(Sighting s) {
        return (s.isCustomer() ? customerIn : orderIn).getOrDefault(key(s), Set.of());
    }

    private static String key(Sighting s) {
        return key(connection(s), s.externalId());
    }

    private static String key(String connection, String externalId) {
        return connection + "/" + externalId;
    }

    /** The demo connection (DemoBootstrap) that reads a simulated source. */
    private static String connection(Sighting s) {
        return switch (s.connector()) {
            case "shopify" -> s.source().equals(ShopSettings.VN_DOMAIN) ? "demo-shopify" : "demo-shopify-usd";
            case "stripe" -> s.source().endsWith("VND") ? "demo-stripe" : "demo-stripe-usd";
            case "shopee" -> {
                assertThat(s.source()).isEqualTo(Long.toString(ShopeeSandboxConfiguration.SHOP_ID));
                yield "demo-shopee";
            }
            case "lazada" -> {
                assertThat(s.source()).isEqualTo(LazadaSandboxConfiguration.DEMO_SELLER_ID);
                yield "demo-lazada";
            }
            default -> "demo-" + s.connector();
        };
    }

    // ---------- the running hub ----------

    /** Waits for the demo's start-up runs to end (asserting they succeeded) and for the webhook inbox to empty. */
    private static void awaitSettled(JdbcTemplate jdbc) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        String runs = "select status || coalesce(': ' || error, '') from sync_run where trigger = 'startup' order by id";
        List<String> statuses = jdbc.queryForList(runs, String.class);
        while (Instant.now().isBefore(deadline) && (statuses.size() < DEMO_CONNECTIONS
                || statuses.stream().anyMatch(s -> s.startsWith("queued") || s.startsWith("running")))) {
            Thread.sleep(500);
            statuses = jdbc.queryForList(runs, String.class);
        }
        assertThat(statuses).as("the demo's start-up runs by %s", deadline).hasSize(DEMO_CONNECTIONS).containsOnly("succeeded");
        String pending = "select count(*) from webhook_inbox where status = 'pending'";
        while (Instant.now().isBefore(deadline) && jdbc.queryForObject(pending, Long.class) > 0) {
            Thread.sleep(500);
        }
        assertThat(jdbc.queryForObject(pending, Long.class)).as("webhooks still pending by %s", deadline).isZero();
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s -> %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
