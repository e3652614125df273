package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Incremental reads: where a run starts (from the committed checkpoint, minus a lookback) and how far the
 * records read so far take the checkpoint. Cursor values are opaque strings owned by the implementation.
 */
public interface IncrementalCursor {

    /** The cursor value a committed checkpoint holds, or null for none (first run). */
    String position(JsonNode checkpoint);

    /** The server-side filter for a run starting at {@code position}, or null to read everything. */
    String filter(String position);

    /** Puts the run's filter into a page request. */
    void apply(PageRequest request, String filter);

    /** The larger of {@code position} and every record's cursor value; never less than {@code position}. */
    String advance(String position, List<JsonNode> records);

    /** The checkpoint to persist for a position. */
    JsonNode checkpoint(String position);
}
