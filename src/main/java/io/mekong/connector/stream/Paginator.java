package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.http.HttpResult;
import java.util.List;

/** Moves through the pages of one run: puts a page position into the request, finds the next one in the response. */
public interface Paginator {

    /** @param position a value {@link #next} returned earlier, or null for the first page */
    void apply(PageRequest request, String position);

    /**
     * The position of the page after this one, or null when this was the last page.
     *
     * @param records  the records selected from this page's response
     * @param position this page's position (null for the first)
     */
    String next(HttpResult response, List<JsonNode> records, String position);

    /** Whether the server refuses a page at this position (an offset past its cap), so the run must slide its filter. */
    default boolean beyondReach(String position) {
        return false;
    }
}
