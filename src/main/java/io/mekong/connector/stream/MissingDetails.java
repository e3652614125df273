package io.mekong.connector.stream;

import java.util.Map;
import java.util.TreeMap;

/** What the optional details and children of one page could not attach: how many records lack each, by name. */
final class MissingDetails {

    private final Map<String, Integer> counts = new TreeMap<>();

    synchronized void add(String name, int records) {
        counts.merge(name, records, Integer::sum);
    }

    synchronized Map<String, Integer> asMap() {
        return Map.copyOf(counts);
    }
}
