package io.mekong.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.mapping.MappedPage;

/**
 * One page to store atomically: its records, its dead letters, its run counts, the checkpoint that covers it and the
 * markings of its origins. {@code runId}, {@code stream} and {@code checkpoint} are null for records that did not come
 * from a sync run (webhooks, replays).
 *
 * @param checkpointKey the checkpoint row to save {@code checkpoint} under; null: the stream's own
 * @param origins       where the records came from, settled in the same transaction; null when nothing waits on them
 */
public record PageCommit(Long runId, ConnectionContext connection, String stream, MappedPage page, JsonNode checkpoint,
                         String checkpointKey, PageOrigins origins) {

    public PageCommit(Long runId, ConnectionContext connection, String stream, MappedPage page, JsonNode checkpoint) {
        this(runId, connection, stream, page, checkpoint, null, null);
    }
}
