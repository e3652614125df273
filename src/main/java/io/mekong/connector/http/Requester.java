package io.mekong.connector.http;

import io.mekong.connector.spec.ResponseFilterSpec;
import java.util.List;

/**
 * Sends a request to one connection's system and returns its successful (2xx) response, after retries,
 * backoff and rate-limit waits; anything else ends in a {@link io.mekong.connector.ConnectorException}.
 */
public interface Requester {

    /**
     * @param operation what the request is for (a stream name, "test"): rate limiters learn its cost per operation
     */
    default HttpResult execute(HttpCall call, String operation) {
        return execute(call, operation, List.of());
    }

    /**
     * @param filters response filters of the request's own block (stream, details, child request), tried before the
     *                requester's; a response they {@code ignore} comes back {@link HttpResult#ignored()}
     */
    HttpResult execute(HttpCall call, String operation, List<ResponseFilterSpec> filters);
}
