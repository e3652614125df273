package io.mekong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.identity.Resolver.Evidence;
import io.mekong.identity.Resolver.Group;
import io.mekong.identity.Resolver.Identity;
import io.mekong.identity.Resolver.Key;
import io.mekong.identity.Resolver.Resolution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResolverTest {

    private static final Resolver RESOLVER = new Resolver(List.of(new Resolver.Rule("same-email", "email"),
            new Resolver.Rule("same-phone", "phone"), new Resolver.Rule("source-link", "link")), 2);

    private final List<Identity> identities = new ArrayList<>();
    private final Map<Long, List<Key>> keys = new LinkedHashMap<>();
    private final List<long[]> cannotLink = new ArrayList<>();

    @Test
    void identitiesSharingKeysTransitivelyBecomeOneGroupAndEachJoinIsExplained() {
        person(1, null, "an nguyen", email("an@x.vn"));
        person(2, null, "an nguyen", email("an@x.vn"), phone("+84912345678"));
        person(3, null, null, phone("+84912345678"));
        person(4, null, "binh tran", email("binh@x.vn"));

        Resolution resolution = resolve();

        assertThat(partition(resolution)).containsExactly(List.of(1L, 2L, 3L), List.of(4L));
        assertThat(resolution.merges()).extracting(Resolver.Merge::rule, m -> m.key().value(), Resolver.Merge::sideA,
                Resolver.Merge::sideB).containsExactly(
                org.assertj.core.groups.Tuple.tuple("same-email", "an@x.vn", List.of(1L), List.of(2L)),
                org.assertj.core.groups.Tuple.tuple("same-phone", "+84912345678", List.of(1L, 2L), List.of(3L)));
        assertThat(resolution.groups()).extracting(Group::profileId).containsOnlyNulls();
    }

    @Test
    void aKeyHeldByMoreNamesThanAllowedJoinsNoOne() {
        person(1, null, "an nguyen", phone("+84280000000"));
        person(2, null, "binh tran", phone("+84280000000"));
        person(3, null, "chi le", phone("+84280000000"), email("chi@x.vn"));
        person(4, null, "chi le", email("chi@x.vn"));

        Resolution resolution = resolve();

        assertThat(partition(resolution)).containsExactly(List.of(1L), List.of(2L), List.of(3L, 4L));
        assertThat(resolution.guarded()).extracting(g -> g.key().value(), Resolver.Guarded::names)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("+84280000000", 3));
    }

    @Test
    void aPhoneWhoseRuleWantsCompatibleNamesKeepsAHouseholdApartAndJoinsOnePersonsVariants() {
        Resolver namesAgree = new Resolver(List.of(new Resolver.Rule("same-phone", "phone", true)), 3);
        person(1, null, "nguyen van hung", phone("+84912000111"));
        person(2, null, "nguyen thi lan", phone("+84912000111"));
        person(3, null, "hung nguyen", phone("+84912000111"));   // the husband again, family name last
        person(4, null, "nguyen thi lna", phone("+84912000111")); // the wife again, with a typo
        person(5, null, null, phone("+84912000111"));             // an order with no name: his or hers, nobody knows

        Resolution resolution = namesAgree.resolve(new Evidence(identities, keys, new HashMap<>(), cannotLink));

        assertThat(partition(resolution)).containsExactly(List.of(1L, 3L), List.of(2L, 4L), List.of(5L));
        assertThat(partition(resolve())).as("the same evidence under a rule that joins any names: two people, within"
                + " the guard's 2").containsExactly(List.of(1L, 2L, 3L, 4L, 5L));
    }

    @Test
    void namesJoinThroughAnotherSpellingWhateverOrderTheHoldersComeIn() {
        Resolver namesAgree = new Resolver(List.of(new Resolver.Rule("same-phone", "phone", true)), 3);
        // Karne and Kraen are two typos apart, each one from Karen: one person, whichever identity is older
        for (long[] ids : new long[][] {{1, 2, 3}, {3, 2, 1}, {2, 3, 1}}) {
            identities.clear();
            keys.clear();
            person(ids[0], null, "karne smith", phone("+84943456686"));
            person(ids[1], null, "kraen smith", phone("+84943456686"));
            person(ids[2], null, "karen smith", phone("+84943456686"));

            Resolution resolution = namesAgree.resolve(new Evidence(identities, keys, new HashMap<>(), cannotLink));

            assertThat(partition(resolution)).as("ids %s", java.util.Arrays.toString(ids))
                    .containsExactly(List.of(1L, 2L, 3L));
        }
    }

    @Test
    void aHolderWithoutANameJoinsTheOthersWhenTheyAreOnePerson() {
        Resolver namesAgree = new Resolver(List.of(new Resolver.Rule("same-phone", "phone", true)), 3);
        person(1, null, null, phone("+84912000222"));
        person(2, null, "tran thi binh", phone("+84912000222"));
        person(3, null, "binh tran", phone("+84912000222"));

        Resolution resolution = namesAgree.resolve(new Evidence(identities, keys, new HashMap<>(), cannotLink));

        assertThat(partition(resolution)).containsExactly(List.of(1L, 2L, 3L));
    }

    @Test
    void theWorkspaceWideNameCountGuardsAKeyEvenWhenFewHoldersAreLoaded() {
        person(1, null, "an nguyen", phone("+84280000000"));
        person(2, null, "an nguyen", phone("+84280000000"));

        Resolution resolution = RESOLVER.resolve(new Evidence(identities, keys,
                Map.of(new Key("phone", "+84280000000"), 5), cannotLink));

        assertThat(partition(resolution)).containsExactly(List.of(1L), List.of(2L));
    }

    @Test
    void aDoNotMergePairKeepsTwoSidesApartWhateverKeysTheyShare() {
        person(1, null, "an", email("an@x.vn"), phone("+84912345678"));
        person(2, null, "an", email("an@x.vn"));
        person(3, null, "an", phone("+84912345678"));
        cannotLink.add(new long[] {2, 3});

        Resolution resolution = resolve();

        assertThat(partition(resolution)).containsExactly(List.of(1L, 2L), List.of(3L));
    }

    @Test
    void groupsKeepTheProfileMostOfThemHadAndASplitOffGroupGetsANewOne() {
        person(1, 10L, "an", email("an@x.vn"));
        person(2, 10L, "an", email("an@x.vn"));
        person(3, 10L, "binh", email("binh@x.vn"));
        person(4, 11L, "binh", email("binh@x.vn"));
        person(5, 11L, "binh", email("binh@x.vn"));

        Resolution resolution = resolve();

        assertThat(resolution.groups()).containsExactly(new Group(10L, List.of(1L, 2L)), new Group(11L, List.of(3L, 4L, 5L)));
        assertThat(resolution.merges()).as("3 and 4 were in separate profiles").hasSize(1);
    }

    @Test
    void onATieTheLowestProfileIdIsKept() {
        person(1, 12L, "an", email("an@x.vn"));
        person(2, 11L, "an", email("an@x.vn"));

        assertThat(resolve().groups()).containsExactly(new Group(11L, List.of(1L, 2L)));
    }

    @Test
    void theSameEvidenceInAnyOrderGivesTheSameResult() {
        Random random = new Random(16);
        for (long id = 1; id <= 300; id++) {
            person(id, id % 7 == 0 ? id / 7 : null, "name" + random.nextInt(40), email("e" + random.nextInt(120)),
                    phone("+8491" + random.nextInt(150)));
        }
        for (int i = 0; i < 20; i++) {
            long a = 1 + random.nextInt(299);
            cannotLink.add(new long[] {a, a + 1});
        }
        Resolution first = resolve();

        for (int round = 0; round < 5; round++) {
            Collections.shuffle(identities, random);
            Collections.shuffle(cannotLink, random);
            List<Long> order = new ArrayList<>(keys.keySet());
            Collections.shuffle(order, random);
            Map<Long, List<Key>> shuffled = new LinkedHashMap<>();
            order.forEach(id -> {
                List<Key> own = new ArrayList<>(keys.get(id));
                Collections.shuffle(own, random);
                shuffled.put(id, own);
            });
            assertThat(RESOLVER.resolve(new Evidence(identities, shuffled, Map.of(), cannotLink))).isEqualTo(first);
        }
    }

    private Resolution resolve() {
        return RESOLVER.resolve(new Evidence(identities, keys, new HashMap<>(), cannotLink));
    }

    private static List<List<Long>> partition(Resolution resolution) {
        return resolution.groups().stream().map(Group::identities).toList();
    }

    private void person(long id, Long profile, String name, Key... own) {
        identities.add(new Identity(id, profile, name));
        keys.put(id, List.of(own));
    }

    private static Key email(String value) {
        return new Key("email", value);
    }

    private static Key phone(String value) {
        return new Key("phone", value);
    }
}
