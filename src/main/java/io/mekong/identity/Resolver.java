package io.mekong.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deterministic union-find over identities and their keys, in memory: evidence in, partition and merges out. It knows
 * nothing of the database, so the store's resolution, the rebuild and the benchmark share it.
 * <p>
 * Rules join in their priority order, each rule's keys in value order, each key's holders in id order; a key held by
 * more than {@code maxNamesPerKey} people by name ({@link Names#people}) joins nothing (a hotline); a join that would
 * put both identities of a do-not-merge pair into one group is skipped. So the same evidence, in any input order, gives the same partition, and
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

    /**
     * @param name           the rule's name; {@code key} the key kind it joins on
     * @param namesMustAgree holders of a key join only when their names are compatible; a holder without a name joins
     *                       only a key whose named holders are one person
     */
    public record Rule(String name, String key, boolean namesMustAgree) {

        public Rule(String name, String key) {
            this(name, key, false);
        }
    }

    /**
     * @param identities  every identity of the component (all holders of each usable key among them)
     * @param keys        each identity's keys
     * @param namesPerKey people by name among all holders of a key in the workspace, when some holders are not in
     *                    {@code identities} (counted no further than one past the guard's limit, which is all it
     *                    decides); a key absent here counts the names of its holders given
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

    /** A key that stopped being a key: held by more people (by name) than allowed. */
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
        return new Resolver(rules.enabledRules().stream().map(r -> new Rule(r.name(), r.key(), r.namesMustAgree())).toList(),
                rules.guards().maxNamesPerKey());
    }

    public Resolution resolve(Evidence evidence) {
        long[] ids = evidence.identities().stream().mapToLong(Identity::id).sorted().distinct().toArray();
        Identity[] byIndex = new Identity[ids.length];
        Map<Long, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        evidence.identities().forEach(identity -> byIndex[index.get(identity.id())] = identity);
        // per key kind, per value: the holders' indexes
        Map<String, Map<String, List<Integer>>> holders = new HashMap<>();
        evidence.keys().forEach((id, keys) -> {
            Integer at = index.get(id);
            if (at != null) {
                keys.forEach(key -> holders.computeIfAbsent(key.kind(), k -> new HashMap<>())
                        .computeIfAbsent(key.value(), v -> new ArrayList<>(2)).add(at));
            }
        });
        Sets sets = new Sets(byIndex, index, evidence.cannotLink());
        List<Merge> merges = new ArrayList<>();
        List<Guarded> guarded = new ArrayList<>();
        for (Rule rule : rules) {
            Map<String, List<Integer>> ofKind = holders.getOrDefault(rule.key(), Map.of());
            List<String> values = ofKind.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                    .sorted().toList();
            for (String value : values) {
                Key key = new Key(rule.key(), value);
                int[] keyHolders = ofKind.get(value).stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
                if (keyHolders.length < 2) {
                    continue;
                }
                Integer known = evidence.namesPerKey().get(key);
                int names = known != null ? known : distinctNames(keyHolders, byIndex);
                if (names > maxNamesPerKey) {
                    guarded.add(new Guarded(key, names, idsOf(keyHolders, byIndex)));
                    continue;
                }
                List<Long> holderIds = idsOf(keyHolders, byIndex);
                Sets.Joined ledger = (a, b) -> merges.add(new Merge(rule.name(), key, holderIds, a, b));
                if (!rule.namesMustAgree()) {
                    for (int h = 1; h < keyHolders.length; h++) {
                        sets.join(keyHolders[0], keyHolders[h], ledger);
                    }
                    continue;
                }
                // each named holder joins every holder before it whose name could be the same person's, so the groups
                // are those of the names' compatibility whatever order the holders come in (Karen, Karne and Kraen are
                // one person through Karen, though Karne and Kraen are two typos apart); the first holder of each
                // name stands for it, so a key of a few names costs a few comparisons per holder
                Map<String, Integer> firstOfName = new LinkedHashMap<>();
                List<Integer> nameless = new ArrayList<>();
                for (int h : keyHolders) {
                    String name = byIndex[h].name();
                    if (name == null) {
                        nameless.add(h);
                        continue;
                    }
                    for (Map.Entry<String, Integer> first : firstOfName.entrySet()) {
                        if (Names.compatible(name, first.getKey())) {
                            sets.join(first.getValue(), h, ledger);
                        }
                    }
                    firstOfName.putIfAbsent(name, h);
                }
                // a holder without a name is the named holders' person only when they are one person by now
                Set<Integer> people = new HashSet<>();
                firstOfName.values().forEach(h -> people.add(sets.find(h)));
                if (people.size() <= 1) {
                    int anchor = firstOfName.isEmpty() ? nameless.get(0) : firstOfName.values().iterator().next();
                    for (int h : nameless) {
                        if (h != anchor) {
                            sets.join(anchor, h, ledger);
                        }
                    }
                }
            }
        }
        return new Resolution(groups(sets.groups(), byIndex), merges, guarded);
    }

    private static int distinctNames(int[] holders, Identity[] byIndex) {
        Set<String> names = new TreeSet<>();
        for (int h : holders) {
            if (byIndex[h].name() != null) {
                names.add(byIndex[h].name());
            }
        }
        return Names.people(names);
    }

    private static List<Long> idsOf(int[] indexes, Identity[] byIndex) {
        List<Long> ids = new ArrayList<>(indexes.length);
        for (int i : indexes) {
            ids.add(byIndex[i].id());
        }
        return ids;
    }

    /** The groups with their profile ids: most identities first, then lowest profile id, then lowest identity id. */
    private static List<Group> groups(List<int[]> members, Identity[] byIndex) {
        record Claim(int group, long profile, int count) {
        }
        List<Claim> claims = new ArrayList<>();
        for (int g = 0; g < members.size(); g++) {
            int[] group = members.get(g);
            if (group.length == 1) {
                Long profile = byIndex[group[0]].profileId();
                if (profile != null) {
                    claims.add(new Claim(g, profile, 1));
                }
                continue;
            }
            Map<Long, Integer> counts = new HashMap<>();
            for (int i : group) {
                Long profile = byIndex[i].profileId();
                if (profile != null) {
                    counts.merge(profile, 1, Integer::sum);
                }
            }
            int at = g;
            counts.forEach((profile, count) -> claims.add(new Claim(at, profile, count)));
        }
        // groups are in order of their lowest identity, so the group index breaks the last tie
        claims.sort(Comparator.comparingInt(Claim::count).reversed().thenComparingLong(Claim::profile)
                .thenComparingInt(Claim::group));
        Long[] kept = new Long[members.size()];
        Set<Long> taken = new HashSet<>();
        for (Claim claim : claims) {
            if (kept[claim.group()] == null && taken.add(claim.profile())) {
                kept[claim.group()] = claim.profile();
            }
        }
        List<Group> groups = new ArrayList<>(members.size());
        for (int g = 0; g < members.size(); g++) {
            groups.add(new Group(kept[g], idsOf(members.get(g), byIndex)));
        }
        return groups;
    }

    /**
     * Union-find over identity indexes (indexes follow id order) whose sets carry their members and the identities
     * they must never be joined with.
     */
    private static final class Sets {

        private final int[] parent;
        private final Identity[] byIndex;
        private final Map<Integer, List<Integer>> members = new HashMap<>();
        private final Map<Integer, Set<Integer>> forbidden = new HashMap<>();

        Sets(Identity[] byIndex, Map<Long, Integer> index, Collection<long[]> cannotLink) {
            this.byIndex = byIndex;
            this.parent = new int[byIndex.length];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
            }
            for (long[] pair : cannotLink) {
                Integer a = index.get(pair[0]);
                Integer b = index.get(pair[1]);
                if (a != null && b != null) {
                    forbidden.computeIfAbsent(a, k -> new HashSet<>()).add(b);
                    forbidden.computeIfAbsent(b, k -> new HashSet<>()).add(a);
                }
            }
        }

        int find(int i) {
            int root = i;
            while (parent[root] != root) {
                root = parent[root];
            }
            while (parent[i] != root) {
                int next = parent[i];
                parent[i] = root;
                i = next;
            }
            return root;
        }

        private List<Integer> membersOf(int root) {
            List<Integer> own = members.get(root);
            return own != null ? own : List.of(root);
        }

        interface Joined {
            void sides(List<Long> a, List<Long> b);
        }

        /** Joins the sets of a and b unless they are one already or a do-not-merge pair would end in one set. */
        void join(int a, int b, Joined joined) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            List<Integer> ma = membersOf(ra);
            List<Integer> mb = membersOf(rb);
            Set<Integer> fa = forbidden.get(ra);
            Set<Integer> fb = forbidden.get(rb);
            if (fa != null && fb != null) {
                List<Integer> small = ma.size() <= mb.size() ? ma : mb;
                Set<Integer> other = small == ma ? fb : fa;
                if (small.stream().anyMatch(other::contains)) {
                    return;
                }
            }
            if (separateProfiles(ma, mb)) {
                int[] sideA = ma.stream().mapToInt(Integer::intValue).sorted().toArray();
                int[] sideB = mb.stream().mapToInt(Integer::intValue).sorted().toArray();
                boolean aFirst = sideA[0] < sideB[0];
                joined.sides(idsOf(aFirst ? sideA : sideB, byIndex), idsOf(aFirst ? sideB : sideA, byIndex));
            }
            int root = Math.min(ra, rb);
            int child = Math.max(ra, rb);
            parent[child] = root;
            List<Integer> all = new ArrayList<>(ma.size() + mb.size());
            all.addAll(ma);
            all.addAll(mb);
            members.put(root, all);
            members.remove(child);
            Set<Integer> moved = forbidden.remove(child);
            if (moved != null) {
                forbidden.computeIfAbsent(root, k -> new HashSet<>()).addAll(moved);
            }
        }

        /** Whether no identity of one side was in a profile with one of the other (a new identity is alone). */
        private boolean separateProfiles(List<Integer> a, List<Integer> b) {
            Set<Long> profiles = new HashSet<>();
            for (int i : a) {
                if (byIndex[i].profileId() != null) {
                    profiles.add(byIndex[i].profileId());
                }
            }
            if (profiles.isEmpty()) {
                return true;
            }
            for (int i : b) {
                if (byIndex[i].profileId() != null && profiles.contains(byIndex[i].profileId())) {
                    return false;
                }
            }
            return true;
        }

        /** Every set, its members in id order, the sets in order of their lowest identity. */
        List<int[]> groups() {
            Map<Integer, List<Integer>> byRoot = new HashMap<>();
            for (int i = 0; i < parent.length; i++) {
                byRoot.computeIfAbsent(find(i), r -> new ArrayList<>(1)).add(i);
            }
            List<int[]> groups = new ArrayList<>(byRoot.size());
            byRoot.values().forEach(m -> groups.add(m.stream().mapToInt(Integer::intValue).toArray()));
            groups.sort(Comparator.comparingInt(g -> g[0]));
            return groups;
        }
    }
}
