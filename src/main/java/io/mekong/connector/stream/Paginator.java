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

    /**
     * What a source that loops gives again, for the error that ends the read, e.g. {@code the same next link (Link
     * rel="next")}. Names the kind, never the value: a link or cursor may carry a signature or a token.
     */
    String repeated();

    /**
     * What a page that repeats an earlier page of the run is known by (see {@link PageLoopGuard}): the next position
     * the source named, or null at the end. Paginators that count positions themselves never repeat one, so they
     * know a repeated page by its records instead.
     */
    default String repeatKey(String next, List<JsonNode> records) {
        return next;
    }

    /** Whether the server refuses a page at this position (an offset past its cap), so the run must slide its filter. */
    default boolean beyondReach(String position) {
        return false;
    }
}
