package io.mekong.connector.http;

/**
 * Sends a request to one connection's system and returns its successful (2xx) response, after retries,
 * backoff and rate-limit waits; anything else ends in a {@link io.mekong.connector.ConnectorException}.
 */
public interface Requester {

    /**
     * @param operation what the request is for (a stream name, "test"): rate limiters learn its cost per operation
     */
    HttpResult execute(HttpCall call, String operation);
}
