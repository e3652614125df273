package io.mekong.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page read from a stream.
 *
 * @param records       the source records exactly as selected from the response (no mapping applied)
 * @param nextPageToken opaque token to read the next page within this run; null when the stream is exhausted
 * @param checkpoint    the opaque cursor state to persist once this page is committed (Kafka Connect style
 *                      source offset); resuming from it re-reads at most the lookback window
 */
public record Page(List<JsonNode> records, String nextPageToken, JsonNode checkpoint) {

    public Page {
        records = List.copyOf(records);
    }

    public boolean hasMore() {
        return nextPageToken != null;
    }
}
