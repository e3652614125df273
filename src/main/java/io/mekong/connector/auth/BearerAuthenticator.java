package io.mekong.connector.auth;

import io.mekong.connector.http.HttpCall;

/** {@code Authorization: Bearer <token>} (RFC 6750). */
public record BearerAuthenticator(String token) implements Authenticator {

    @Override
    public HttpCall authenticate(HttpCall call) {
        return call.withHeader("Authorization", "Bearer " + token, true);
    }

    @Override
    public String toString() {
        return "BearerAuthenticator";
    }
}
