package io.mekong.connector.auth;

import io.mekong.connector.http.HttpCall;

/**
 * An API key in the query string, e.g. {@code ?api_key=...}. Requests are logged and described by method and path
 * only ({@link HttpCall#describe()}), so the key never reaches a log.
 */
public record QueryKeyAuthenticator(String parameter, String key) implements Authenticator {

    @Override
    public HttpCall authenticate(HttpCall call) {
        return call.withQueryParam(parameter, key);
    }

    @Override
    public String toString() {
        return "QueryKeyAuthenticator[" + parameter + "]";
    }
}
