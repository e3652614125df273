package io.mekong.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.mapping.canonical.CanonicalRecord;

/** The outcome of mapping one source record: a valid canonical record, or a rejection with its reason. */
public sealed interface MappingResult {

    /** The source record exactly as received (what lands in raw landing or in dead letters). */
    JsonNode source();

    /** The record's key in its source system, when it could be read; null otherwise. */
    String externalId();

    record Mapped(JsonNode source, CanonicalRecord record) implements MappingResult {
        @Override
        public String externalId() {
            return record.externalId();
        }
    }

    /** @param reason what is wrong, naming the field or expression, e.g. "totalMinor: must not be null" */
    record Rejected(JsonNode source, String externalId, String reason) implements MappingResult {
    }
}
