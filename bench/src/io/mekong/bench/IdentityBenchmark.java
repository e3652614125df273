package io.mekong.bench;

import io.mekong.identity.IdentityRules;
import io.mekong.identity.IdentityRulesLoader;
import io.mekong.identity.Keys;
import io.mekong.identity.Resolver;
import io.mekong.mapping.MappingFunctions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark P4, quality half: labelled synthetic people ({@link PeopleGenerator}) through the hub's own key
 * normalisation ({@link Keys}, phones through the mappings' {@code $e164} with region VN) and its {@link Resolver}
 * under the shipped identity.yaml; prints pairwise precision, recall and F1 against the labels for a tuning seed and a
 * held-out seed no test or tuning ever used, and the in-memory resolution time.
 *
 * <p>Usage: {@code IdentityBenchmark [identities] [heldOutSeed]} (default 200000 and 20261207; run-p4.sh passes 1000000).
 */
public final class IdentityBenchmark {

    private static final long TUNING_SEED = 1;

    public static void main(String[] args) {
        int identities = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        long heldOut = args.length > 1 ? Long.parseLong(args[1]) : 20261207L;
        IdentityRules rules = IdentityRulesLoader.load(Path.of("identity.yaml"));
        System.out.println("| set | identities | people | precision | recall | F1 | joined pairs | true pairs | resolve ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (long seed : new long[] {TUNING_SEED, heldOut}) {
            List<PeopleGenerator.Appearance> people = PeopleGenerator.generate(seed, identities, 0.2);
            Evaluated result = evaluate(people, rules);
            PairCounts q = result.counts();
            System.out.printf("| %s (seed %d) | %,d | %,d | %.4f | %.4f | %.4f | %,d | %,d | %,d |%n",
                    seed == TUNING_SEED ? "tuning" : "held out", seed, people.size(),
                    people.get(people.size() - 1).person() + 1, q.precision(), q.recall(), q.f1(), q.predictedPairs(),
                    q.truePairs(), result.millis());
        }
    }

    record Evaluated(PairCounts counts, long millis) {
    }

    static Evaluated evaluate(List<PeopleGenerator.Appearance> people, IdentityRules rules) {
        Keys keys = new Keys(rules);
        List<Resolver.Identity> identities = new ArrayList<>(people.size());
        Map<Long, List<Resolver.Key>> keysOf = new HashMap<>();
        for (int i = 0; i < people.size(); i++) {
            PeopleGenerator.Appearance a = people.get(i);
            String name = Keys.name(((a.firstName() == null ? "" : a.firstName()) + " "
                    + (a.lastName() == null ? "" : a.lastName())).strip());
            identities.add(new Resolver.Identity(i, null, name));
            List<Resolver.Key> own = new ArrayList<>(3);
            String email = keys.email(a.email());
            String phone = keys.phone(e164(a.phone()));
            if (email != null) {
                own.add(new Resolver.Key("email", email));
            }
            if (phone != null) {
                own.add(new Resolver.Key("phone", phone));
                String phoneName = keys.phoneName(phone, name);
                if (phoneName != null) {
                    own.add(new Resolver.Key("phone_name", phoneName));
                }
            }
            keysOf.put((long) i, own);
        }
        long start = System.nanoTime();
        Resolver.Resolution resolution = Resolver.of(rules)
                .resolve(new Resolver.Evidence(identities, keysOf, Map.of(), List.of()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        int[] person = new int[people.size()];
        long[] profile = new long[people.size()];
        for (int i = 0; i < people.size(); i++) {
            person[i] = people.get(i).person();
        }
        for (Resolver.Group group : resolution.groups()) {
            long representative = group.identities().get(0);
            group.identities().forEach(id -> profile[(int) (long) id] = representative);
        }
        return new Evaluated(PairCounts.of(person, profile), millis);
    }

    /** The phone as the mappings store it: E.164 read in Vietnam, or nothing when it is no phone number (masked). */
    private static String e164(String phone) {
        try {
            return MappingFunctions.e164(phone, "VN");
        } catch (IllegalArgumentException notAPhone) {
            return null;
        }
    }
}
