package io.mekong.connector.auth;

import io.mekong.connector.http.HttpCall;

/** A token in a fixed header, e.g. {@code X-Shopify-Access-Token: shpat_…}. */
public record HeaderTokenAuthenticator(String header, String token) implements Authenticator {

    @Override
    public HttpCall authenticate(HttpCall call) {
        return call.withHeader(header, token, true);
    }

    @Override
    public String toString() {
        return "HeaderTokenAuthenticator[" + header + "]";
    }
}
