package io.mekong.connector.stream;

import io.mekong.connector.http.HttpResult;

/** Moves through the pages of one run: puts a page position into the request, finds the next one in the response. */
public interface Paginator {

    /** @param position a value {@link #next} returned earlier, or null for the first page */
    void apply(PageRequest request, String position);

    /** The position of the page after this response, or null when this was the last page. */
    String next(HttpResult response);
}
