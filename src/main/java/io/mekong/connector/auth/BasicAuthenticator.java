package io.mekong.connector.auth;

import io.mekong.connector.http.HttpCall;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code Authorization: Basic base64(user:password)} (RFC 7617, UTF-8). */
public record BasicAuthenticator(String username, String password) implements Authenticator {

    @Override
    public HttpCall authenticate(HttpCall call) {
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return call.withHeader("Authorization", "Basic " + credentials, true);
    }

    @Override
    public String toString() {
        return "BasicAuthenticator[" + username + "]";
    }
}
