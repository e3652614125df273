package io.mekong.mapping.canonical;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The free {@code attributes} of a canonical record: source fields the model has no column for (Shopify's custom
 * attributes, Magento's custom and extension attributes, Shopee's fulfillment_flag...), by the name the mapping
 * gives them, each any JSON value. An attribute whose value is null is the same as one not given, so it is dropped:
 * a source that starts sending {@code "x": null} leaves the record's content, and its hash, unchanged.
 */
public final class Attributes {

    private Attributes() {
    }

    /** An unmodifiable copy without null values; empty for null. */
    public static Map<String, Object> of(Map<String, Object> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            if (value != null) {
                kept.put(Objects.requireNonNull(name, "attribute name"), value);
            }
        });
        return Collections.unmodifiableMap(kept);
    }
}
