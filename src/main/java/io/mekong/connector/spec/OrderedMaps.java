package io.mekong.connector.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps read from a spec keep the order they were written in (query parameters are sent in that order). */
final class OrderedMaps {

    private OrderedMaps() {
    }

    /** An unmodifiable copy in the written order; empty for null. */
    static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
