package io.mekong.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.sandbox.haravan.HaravanSandboxConfiguration;
import io.mekong.sandbox.lazada.LazadaSandboxConfiguration;
import io.mekong.sandbox.magento.MagentoSandboxConfiguration;
import io.mekong.sandbox.shopee.ShopeeSandboxConfiguration;
import io.mekong.sandbox.shopify.ShopifySandboxConfiguration;
import io.mekong.sandbox.shopify.ShopifySandboxProperties;
import io.mekong.sandbox.stripe.StripeSandboxConfiguration;
import io.mekong.sandbox.woocommerce.WooCommerceSandboxConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The ground truth of the default run's people, built as the default run builds the simulators: who appears where,
 * in which forms, and which of their records honest evidence joins.
 */
class SandboxPeopleTest {

    private static SandboxPeople truth;
    private static SandboxPeople again;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ShopifySandboxProperties.class)
    static class Properties {
    }

    @BeforeAll
    static void seedTwice() {
        truth = defaultRun();
        again = defaultRun();
    }

    /** Every simulator of the default run, seeded as the default run seeds it. */
    static SandboxPeople defaultRun() {
        SandboxPeople[] people = new SandboxPeople[1];
        new ApplicationContextRunner().withPropertyValues("mekong.sandbox.enabled=true")
                .withUserConfiguration(Properties.class, SandboxPeopleConfiguration.class,
                        ShopifySandboxConfiguration.class, MagentoSandboxConfiguration.class,
                        ShopeeSandboxConfiguration.class, LazadaSandboxConfiguration.class,
                        StripeSandboxConfiguration.class, WooCommerceSandboxConfiguration.class,
                        HaravanSandboxConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    people[0] = context.getBean(SandboxPeople.class);
                });
        return people[0];
    }

    @Test
    void theSameSeedsTellTheSameTruth() {
        assertThat(truth.sightings()).hasSizeGreaterThan(4000).isEqualTo(again.sightings());
    }

    @Test
    void theShopsPeopleAppearOnEveryChannel() {
        Set<String> everywhere = Set.of("shopify", "magento", "stripe", "shopee", "lazada", "woocommerce", "haravan");
        assertThat(truth.sightings()).extracting(SandboxPeople.Sighting::connector).containsAll(everywhere);
        long onFive = truth.byPerson().values().stream()
                .filter(records -> connectors(records).containsAll(Set.of("shopify", "magento", "stripe", "shopee", "lazada")))
                .count();
        assertThat(onFive).as("people on Shopify, Magento, Stripe, Shopee and Lazada").isGreaterThanOrEqualTo(10);
    }

    @Test
    void aMarketplaceBuyerShowsOnlyTheBuyerIdAndJoinsNoOtherChannel() {
        for (SandboxPeople.Sighting s : truth.sightings()) {
            if (isMarketplace(s)) {
                assertThat(s.evidence()).as("%s", s).singleElement().asString().startsWith("ref:" + s.connector() + "/");
            }
        }
        for (SandboxPeople.Group group : truth.joinable()) {
            if (group.sightings().stream().anyMatch(SandboxPeopleTest::isMarketplace)) {
                assertThat(connectors(group.sightings())).as("%s", group).hasSize(1);
                assertThat(group.keys()).as("%s", group).hasSize(1);
            }
        }
    }

    @Test
    void strangersOnTheShopsHotlineAreSeparatePeopleAndTheHotlineJoinsNone() {
        String hotline = SandboxPeople.phone("028 3823 4567", "VN");
        Set<String> callers = truth.sharedEvidence().get(hotline);
        assertThat(callers).as("people who gave the hotline").hasSizeGreaterThanOrEqualTo(20)
                .anyMatch(p -> p.startsWith("shopify/")).anyMatch(p -> p.startsWith("magento/"));
        assertThat(truth.joinable()).noneMatch(g -> g.keys().contains(hotline));
        List<SandboxPeople.Group> theirs = truth.joinable().stream()
                .filter(g -> g.sightings().stream().anyMatch(s -> s.evidence().contains(hotline))).toList();
        assertThat(theirs.stream().map(SandboxPeople.Group::person).distinct()).hasSameSizeAs(callers);
    }

    @Test
    void aHouseholdPhoneIsSharedByTwoPeopleWhoStayApart() {
        List<Set<String>> households = truth.sharedEvidence().entrySet().stream()
                .filter(e -> e.getKey().startsWith("phone:") && e.getValue().size() == 2).map(Map.Entry::getValue).toList();
        assertThat(households).as("households").hasSizeGreaterThanOrEqualTo(3);
        for (Set<String> household : households) {
            assertThat(truth.joinable()).noneMatch(g -> household.contains(g.person())
                    && g.sightings().stream().anyMatch(s -> !s.person().equals(g.person())));
        }
    }

    @Test
    void aStripeCustomerWithoutShopifyMetadataJoinsItsShopifyCustomerByEmail() {
        List<SandboxPeople.Sighting> unlinked = truth.sightings().stream().filter(s -> s.connector().equals("stripe")
                && s.evidence().stream().noneMatch(e -> e.startsWith("ref:shopify/"))).toList();
        assertThat(unlinked).isNotEmpty();
        for (SandboxPeople.Sighting stripe : unlinked) {
            assertThat(groupOf(stripe).sightings()).as("%s", stripe)
                    .anyMatch(s -> s.connector().equals("shopify") && s.isCustomer());
        }
    }

    @Test
    void aMagentoGuestWhoIsAShopifyCustomerJoinsThemUnlessATypoLeftNothingInCommon() {
        List<SandboxPeople.Sighting> knownGuests = truth.sightings().stream().filter(s -> s.connector().equals("magento")
                && !s.isCustomer() && s.person().startsWith("shopify/")
                && s.evidence().stream().noneMatch(e -> e.startsWith("ref:"))).toList();
        assertThat(knownGuests).hasSizeGreaterThan(10);
        long joined = knownGuests.stream().filter(s -> groupOf(s).sightings().stream()
                .anyMatch(o -> o.connector().equals("shopify") && o.isCustomer())).count();
        assertThat(joined).as("known guests joined to their Shopify customer").isGreaterThanOrEqualTo(knownGuests.size() - 3);
    }

    private static SandboxPeople.Group groupOf(SandboxPeople.Sighting sighting) {
        return truth.joinable().stream().filter(g -> g.sightings().contains(sighting)).findFirst().orElseThrow();
    }

    private static boolean isMarketplace(SandboxPeople.Sighting s) {
        return s.connector().equals("shopee") || s.connector().equals("lazada");
    }

    private static Set<String> connectors(List<SandboxPeople.Sighting> records) {
        return records.stream().map(SandboxPeople.Sighting::connector).collect(Collectors.toSet());
    }
}
