package io.mekong.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One page read from a stream.
 *
 * @param records        the source records exactly as selected from the response (no mapping applied)
 * @param nextPageToken  opaque token to read the next page within this run; null when the stream is exhausted
 * @param checkpoint     the opaque cursor state to persist once this page is committed (Kafka Connect style
 *                       source offset); resuming from it re-reads at most the lookback window
 * @param missingDetails per optional detail or child ({@code attachAs}), how many records of the page are stored
 *                       without it because its request failed, e.g. {@code {"escrow": 50}}; empty when none is missing
 */
public record Page(List<JsonNode> records, String nextPageToken, JsonNode checkpoint, Map<String, Integer> missingDetails) {

    public Page {
        records = List.copyOf(records);
        missingDetails = missingDetails == null ? Map.of() : Map.copyOf(missingDetails);
    }

    public Page(List<JsonNode> records, String nextPageToken, JsonNode checkpoint) {
        this(records, nextPageToken, checkpoint, Map.of());
    }

    public boolean hasMore() {
        return nextPageToken != null;
    }
}
