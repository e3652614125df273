package io.mekong.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One mapping file, {@code mappings/<system>/<entity>.yaml}, as written by an integrator.
 *
 * @param source      the external system, equal to the folder name (e.g. "shopify")
 * @param entity      the source entity, equal to the file name (e.g. "order")
 * @param target      the canonical type produced: customer, order or product
 * @param description free text for people
 * @param key         JSONata expression giving the record's external id
 * @param updatedAt   JSONata expression giving the source's own last-modified instant
 * @param fields      canonical field name to either a JSONata expression (a string) or a nested block
 *                    {@code {each: <expr>, fields: {...}}} (a list) or {@code {from: <expr>, fields: {...}}} (an object)
 */
public record MappingSpec(String source, String entity, String target, String description,
                          String key, String updatedAt, Map<String, JsonNode> fields) {

    public MappingSpec {
        fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
    }
}
