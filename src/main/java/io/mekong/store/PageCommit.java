package io.mekong.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.mapping.MappedPage;
import java.util.Map;

/**
 * One page to store atomically: its records, its dead letters, its run counts, the checkpoint that covers it and the
 * markings of its origins. {@code runId}, {@code stream} and {@code checkpoint} are null for records that did not come
 * from a sync run (webhooks, replays).
 *
 * @param checkpointKey  the checkpoint row to save {@code checkpoint} under; null: the stream's own
 * @param origins        where the records came from, settled in the same transaction; null when nothing waits on them
 * @param missingDetails per optional detail, how many of the page's records are stored without it (added to the run's counts)
 */
public record PageCommit(Long runId, ConnectionContext connection, String stream, MappedPage page, JsonNode checkpoint,
                         String checkpointKey, PageOrigins origins, Map<String, Integer> missingDetails) {

    public PageCommit {
        missingDetails = missingDetails == null ? Map.of() : Map.copyOf(missingDetails);
    }

    public PageCommit(Long runId, ConnectionContext connection, String stream, MappedPage page, JsonNode checkpoint,
                      String checkpointKey, PageOrigins origins) {
        this(runId, connection, stream, page, checkpoint, checkpointKey, origins, Map.of());
    }

    public PageCommit(Long runId, ConnectionContext connection, String stream, MappedPage page, JsonNode checkpoint) {
        this(runId, connection, stream, page, checkpoint, null, null);
    }
}
