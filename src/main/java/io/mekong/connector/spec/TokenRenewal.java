package io.mekong.connector.spec;

import java.util.List;

/**
 * How an auth renews its short-lived access token: where the token endpoint's answer holds the new tokens, which
 * secrets keep them, and which errors mean the token was refused. The signed {@code refresh} block of Shopee and
 * Lazada ({@link RefreshSpec}) and OAuth 2 ({@link AuthSpec.OAuth2}) share one renewal machinery.
 */
public interface TokenRenewal {

    /** The secret, kept beside the tokens, that records when the access token expires (ISO instant). */
    String EXPIRES_AT_SECRET = "accessTokenExpiresAt";

    /** JSON Pointer of the new access token in the answer. */
    String accessToken();

    /** JSON Pointer of the new refresh token (rotated when present); null: the refresh token is kept. */
    String refreshToken();

    /** JSON Pointer of the access token's lifetime in seconds; null when the answer has none. */
    String expiresIn();

    /** The secret that holds the access token. */
    String accessTokenSecret();

    /** The secret that holds the refresh token. */
    String refreshTokenSecret();

    /** Vendor codes or HTTP statuses that mean the access token was refused: renew, then retry once. */
    List<String> onErrors();

    /** A renewal whose answer has fixed places (OAuth 2's {@code access_token}, {@code refresh_token}, {@code expires_in}). */
    record Fixed(String accessToken, String refreshToken, String expiresIn, String accessTokenSecret,
                 String refreshTokenSecret, List<String> onErrors) implements TokenRenewal {
    }
}
