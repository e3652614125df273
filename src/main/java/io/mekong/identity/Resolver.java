package io.mekong.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Deterministic union-find over identities and their keys, in memory: evidence in, partition and merges out. It knows
 * nothing of the database, so the store's resolution, the rebuild and the benchmark share it.
 * <p>
 * Rules join in their priority order, each rule's keys in value order, each key's holders in id order; a key held by
 * more than {@code maxNamesPerKey} distinct names joins nothing (a hotline); a join that would put both identities of a
 * do-not-merge pair into one group is skipped. So the same evidence, in any input order, gives the same partition, and
 * each group keeps the existing profile id most of its identities had (the lowest on ties).
 */
public final class Resolver {

    /** @param name the folded name, null when unknown */
    public record Identity(long id, Long profileId, String name) {
    }

    public record Key(String kind, String value) implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::kind).thenComparing(Key::value);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /** @param rule the rule's name; {@code key} the key kind it joins on */
    public record Rule(String name, String key) {
    }

    /**
     * @param identities  every identity of the component (all holders of each usable key among them)
     * @param keys        each identity's keys
     * @param namesPerKey distinct names among all holders of a key in the workspace, when some holders are not in
     *                    {@code identities}; a key absent here counts the names of its holders given
     * @param cannotLink  do-not-merge pairs, each as {smaller id, larger id}
     */
    public record Evidence(Collection<Identity> identities, Map<Long, ? extends Collection<Key>> keys,
                           Map<Key, Integer> namesPerKey, Collection<long[]> cannotLink) {
    }

    /** @param profileId the existing profile the group keeps, or null for a new one */
    public record Group(Long profileId, List<Long> identities) {
    }

    /**
     * One join of identities that were in separate profiles.
     *
     * @param holders the identities that held the key
     * @param sideA   the identities on one side (the one holding the lowest id)
     * @param sideB   those on the other
     */
    public record Merge(String rule, Key key, List<Long> holders, List<Long> sideA, List<Long> sideB) {
    }

    /** A key that stopped being a key: held by more distinct names than allowed. */
    public record Guarded(Key key, int names, List<Long> holders) {
    }

    public record Resolution(List<Group> groups, List<Merge> merges, List<Guarded> guarded) {
    }

    private final List<Rule> rules;
    private final int maxNamesPerKey;

    public Resolver(List<Rule> rules, int maxNamesPerKey) {
        this.rules = List.copyOf(rules);
        this.maxNamesPerKey = maxNamesPerKey;
    }

    public static Resolver of(IdentityRules rules) {
        return new Resolver(rules.enabledRules().stream().map(r -> new Rule(r.name(), r.key())).toList(),
                rules.guards().maxNamesPerKey());
    }

    public Resolution resolve(Evidence evidence) {
        Map<Long, Identity> identities = new TreeMap<>();
        evidence.identities().forEach(identity -> identities.put(identity.id(), identity));
        Map<Key, TreeSet<Long>> holders = new TreeMap<>();
        evidence.keys().forEach((id, keys) -> {
            if (identities.containsKey(id)) {
                keys.forEach(key -> holders.computeIfAbsent(key, k -> new TreeSet<>()).add(id));
            }
        });
        Sets sets = new Sets(identities.keySet(), evidence.cannotLink());
        List<Merge> merges = new ArrayList<>();
        List<Guarded> guarded = new ArrayList<>();
        for (Rule rule : rules) {
            for (Map.Entry<Key, TreeSet<Long>> held : holders.entrySet()) {
                Key key = held.getKey();
                if (!key.kind().equals(rule.key()) || held.getValue().size() < 2) {
                    continue;
                }
                int names = evidence.namesPerKey().getOrDefault(key, (int) held.getValue().stream()
                        .map(id -> identities.get(id).name()).filter(Objects::nonNull).distinct().count());
                List<Long> keyHolders = List.copyOf(held.getValue());
                if (names > maxNamesPerKey) {
                    guarded.add(new Guarded(key, names, keyHolders));
                    continue;
                }
                long first = keyHolders.get(0);
                for (long other : keyHolders.subList(1, keyHolders.size())) {
                    sets.join(first, other, identities, (a, b) -> merges.add(new Merge(rule.name(), key, keyHolders, a, b)));
                }
            }
        }
        return new Resolution(groups(sets, identities), merges, guarded);
    }

    /** The groups with their profile ids: most identities first, then lowest profile id, then lowest identity id. */
    private static List<Group> groups(Sets sets, Map<Long, Identity> identities) {
        List<List<Long>> members = sets.groups();
        record Claim(int group, long profile, int count) {
        }
        List<Claim> claims = new ArrayList<>();
        for (int g = 0; g < members.size(); g++) {
            Map<Long, Integer> counts = new TreeMap<>();
            members.get(g).forEach(id -> {
                Long profile = identities.get(id).profileId();
                if (profile != null) {
                    counts.merge(profile, 1, Integer::sum);
                }
            });
            int group = g;
            counts.forEach((profile, count) -> claims.add(new Claim(group, profile, count)));
        }
        claims.sort(Comparator.comparingInt(Claim::count).reversed().thenComparingLong(Claim::profile)
                .thenComparingLong(c -> members.get(c.group()).get(0)));
        Long[] kept = new Long[members.size()];
        Set<Long> taken = new HashSet<>();
        for (Claim claim : claims) {
            if (kept[claim.group()] == null && taken.add(claim.profile())) {
                kept[claim.group()] = claim.profile();
            }
        }
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < members.size(); g++) {
            groups.add(new Group(kept[g], members.get(g)));
        }
        return groups;
    }

    /** Union-find whose sets carry their members and the identities they must never be joined with. */
    private static final class Sets {

        private final Map<Long, Long> parent = new HashMap<>();
        private final Map<Long, TreeSet<Long>> members = new HashMap<>();
        private final Map<Long, Set<Long>> forbidden = new HashMap<>();

        Sets(Collection<Long> ids, Collection<long[]> cannotLink) {
            for (long id : ids) {
                parent.put(id, id);
                members.put(id, new TreeSet<>(List.of(id)));
            }
            for (long[] pair : cannotLink) {
                if (parent.containsKey(pair[0]) && parent.containsKey(pair[1])) {
                    forbidden.computeIfAbsent(pair[0], k -> new HashSet<>()).add(pair[1]);
                    forbidden.computeIfAbsent(pair[1], k -> new HashSet<>()).add(pair[0]);
                }
            }
        }

        long find(long id) {
            long root = id;
            while (parent.get(root) != root) {
                root = parent.get(root);
            }
            for (long at = id; at != root; ) {
                long next = parent.get(at);
                parent.put(at, root);
                at = next;
            }
            return root;
        }

        interface Joined {
            void sides(List<Long> a, List<Long> b);
        }

        /** Joins the sets of a and b unless they are one already or a do-not-merge pair would end in one set. */
        void join(long a, long b, Map<Long, Identity> identities, Joined joined) {
            long ra = find(a);
            long rb = find(b);
            if (ra == rb) {
                return;
            }
            TreeSet<Long> small = members.get(ra).size() <= members.get(rb).size() ? members.get(ra) : members.get(rb);
            Set<Long> otherForbidden = forbidden.getOrDefault(small == members.get(ra) ? rb : ra, Set.of());
            if (small.stream().anyMatch(otherForbidden::contains)) {
                return;
            }
            if (separateProfiles(members.get(ra), members.get(rb), identities)) {
                List<Long> sideA = List.copyOf(members.get(ra));
                List<Long> sideB = List.copyOf(members.get(rb));
                boolean aFirst = sideA.get(0) < sideB.get(0);
                joined.sides(aFirst ? sideA : sideB, aFirst ? sideB : sideA);
            }
            long root = Math.min(ra, rb);
            long child = Math.max(ra, rb);
            parent.put(child, root);
            members.get(root).addAll(members.remove(child));
            Set<Long> moved = forbidden.remove(child);
            if (moved != null) {
                forbidden.computeIfAbsent(root, k -> new HashSet<>()).addAll(moved);
            }
        }

        /** Whether no identity of one side was in a profile with one of the other (a new identity is alone). */
        private static boolean separateProfiles(Set<Long> a, Set<Long> b, Map<Long, Identity> identities) {
            Set<Long> profiles = new HashSet<>();
            a.forEach(id -> {
                Long profile = identities.get(id).profileId();
                if (profile != null) {
                    profiles.add(profile);
                }
            });
            return b.stream().map(id -> identities.get(id).profileId()).noneMatch(p -> p != null && profiles.contains(p));
        }

        List<List<Long>> groups() {
            List<List<Long>> groups = new ArrayList<>();
            new TreeMap<>(members).values().forEach(set -> groups.add(List.copyOf(set)));
            groups.sort(Comparator.comparing(g -> g.get(0)));
            return groups;
        }
    }
}
