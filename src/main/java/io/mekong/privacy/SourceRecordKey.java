package io.mekong.privacy;

/** A source record as the store keys it: its connection (global id), canonical entity and id at the source. */
public record SourceRecordKey(String connectionId, String entity, String externalId) {
}
