package io.mekong.connector.auth;

import io.mekong.connector.http.HttpCall;

/**
 * Adds a connection's credentials to a request. Signers (OAuth 1.0a, HMAC request signatures) need the
 * whole request, hence a request in, a request out. Headers carrying credentials are marked secret.
 */
public interface Authenticator {

    Authenticator NONE = call -> call;

    HttpCall authenticate(HttpCall call);
}
