package io.mekong.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * Pairwise quality of a clustering against labels: a pair of identities put in one profile is a true positive when
 * they are one person. Counted from cluster sizes (n choose 2 per cell of the contingency table), never by listing
 * pairs, so a million identities cost a few hash maps.
 */
public record PairCounts(long truePositives, long predictedPairs, long truePairs) {

    /**
     * @param person  the labelled person of each identity
     * @param profile the profile resolution put each identity in (same index)
     */
    public static PairCounts of(int[] person, long[] profile) {
        if (person.length != profile.length) {
            throw new IllegalArgumentException(person.length + " labels for " + profile.length + " identities");
        }
        Map<Long, Long> perProfile = new HashMap<>();
        Map<Integer, Long> perPerson = new HashMap<>();
        Map<Long, Long> perCell = new HashMap<>();
        for (int i = 0; i < person.length; i++) {
            perProfile.merge(profile[i], 1L, Long::sum);
            perPerson.merge(person[i], 1L, Long::sum);
            // a cell is one (profile, person) pair; person ids stay below 2^31
            perCell.merge(profile[i] * (1L << 31) + person[i], 1L, Long::sum);
        }
        return new PairCounts(pairs(perCell), pairs(perProfile), pairs(perPerson));
    }

    private static long pairs(Map<?, Long> sizes) {
        long pairs = 0;
        for (long n : sizes.values()) {
            pairs += n * (n - 1) / 2;
        }
        return pairs;
    }

    /** Of the pairs joined, the share that are one person (1 when nothing was joined). */
    public double precision() {
        return predictedPairs == 0 ? 1 : (double) truePositives / predictedPairs;
    }

    /** Of the pairs that are one person, the share joined (1 when there are none). */
    public double recall() {
        return truePairs == 0 ? 1 : (double) truePositives / truePairs;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
