package io.mekong.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One mapping file, {@code mappings/<system>/<entity>.yaml}, as written by an integrator. An outbound mapping has
 * {@code source: mekong}, the target system (the folder name) as {@code target}, and no key or updatedAt.
 *
 * @param source      the external system, equal to the folder name (e.g. "shopify"), or mekong (outbound)
 * @param entity      the source entity, equal to the file name (e.g. "order"); outbound: what the item is
 * @param target      the canonical type produced: customer, order or product; outbound: the target system
 * @param description free text for people
 * @param key         JSONata expression giving the record's external id
 * @param updatedAt   JSONata expression giving the source's own last-modified instant
 * @param fields      canonical field name to either a JSONata expression (a string) or a nested block
 *                    {@code {each: <expr>, fields: {...}}} (a list) or {@code {from: <expr>, fields: {...}}} (an object)
 */
public record MappingSpec(String source, String entity, String target, String description,
                          String key, String updatedAt, Map<String, JsonNode> fields) {

    /** The source of an outbound mapping: Mekong's own event data. */
    public static final String MEKONG = "mekong";

    public MappingSpec {
        fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
    }
}
