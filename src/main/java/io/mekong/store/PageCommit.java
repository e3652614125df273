package io.mekong.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.mapping.MappedPage;
import java.util.Map;

/**
 * One page to store atomically: its records, its dead letters, its run counts and the checkpoint that
 * covers it. {@code runId}, {@code stream} and {@code checkpoint} are null for records that did not come from a
 * sync run (webhooks, replays).
 *
 * @param missingDetails per optional detail, how many of the page's records are stored without it (added to the run's counts)
 */
public record PageCommit(Long runId, ConnectionContext connection, String stream, MappedPage page, JsonNode checkpoint,
                         Map<String, Integer> missingDetails) {

    public PageCommit {
        missingDetails = missingDetails == null ? Map.of() : Map.copyOf(missingDetails);
    }

    public PageCommit(Long runId, ConnectionContext connection, String stream, MappedPage page, JsonNode checkpoint) {
        this(runId, connection, stream, page, checkpoint, Map.of());
    }
}
