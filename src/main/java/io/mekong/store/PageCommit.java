package io.mekong.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.mapping.MappedPage;

/**
 * One page to store atomically: its records, its dead letters, its run counts and the checkpoint that
 * covers it. {@code runId}, {@code stream} and {@code checkpoint} are null for records that did not come from a
 * sync run (webhooks, replays).
 */
public record PageCommit(Long runId, ConnectionContext connection, String stream, MappedPage page, JsonNode checkpoint) {
}
