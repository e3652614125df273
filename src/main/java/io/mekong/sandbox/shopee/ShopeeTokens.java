package io.mekong.sandbox.shopee;

import io.mekong.sandbox.TokenPair;
import io.mekong.sandbox.VendorHmac;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tokens a partner app holds for one shop, as {@code auth/access_token/get} hands them out: an access token is
 * good for 4 hours and for any number of calls; a refresh token is good for 30 days and for one use, which issues a
 * new pair. Tokens are 32 hex characters derived from the shop's secret and a counter, so runs are reproducible.
 */
final class ShopeeTokens {

    static final Duration ACCESS_LIFETIME = Duration.ofHours(4);
    static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

    /** A new pair, as the token endpoint answers it. */
    record Grant(String accessToken, String refreshToken, long expireIn) {
    }

    private final String secret;
    private final Clock clock;
    private final Map<String, Instant> access = new HashMap<>();
    private final Map<String, Instant> refresh = new HashMap<>();
    private TokenPair current;
    private long issued;
    private long refreshes;

    /** @param initialAccess, initialRefresh the pair the shop's authorisation gave; both fresh now */
    ShopeeTokens(String secret, String initialAccess, String initialRefresh, Clock clock) {
        this.secret = secret;
        this.clock = clock;
        authorise(initialAccess, initialRefresh);
    }

    /** The shop authorises the partner anew: this pair, both fresh now, replaces every token issued before. */
    synchronized void authorise(String accessToken, String refreshToken) {
        access.clear();
        refresh.clear();
        access.put(accessToken, clock.instant().plus(ACCESS_LIFETIME));
        refresh.put(refreshToken, clock.instant().plus(REFRESH_LIFETIME));
        current = new TokenPair(accessToken, refreshToken);
    }

    /** The pair issued last: the one whose refresh token is still unspent. */
    synchronized TokenPair current() {
        return current;
    }

    synchronized boolean accessValid(String token) {
        Instant expiry = token == null ? null : access.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** Spends a refresh token: a new pair, or empty when the token is unknown, expired or already used. */
    synchronized Optional<Grant> refresh(String refreshToken) {
        Instant expiry = refreshToken == null ? null : refresh.remove(refreshToken);
        if (expiry == null || !clock.instant().isBefore(expiry)) {
            return Optional.empty();
        }
        refreshes++;
        String newAccess = next("access");
        String newRefresh = next("refresh");
        access.put(newAccess, clock.instant().plus(ACCESS_LIFETIME));
        refresh.put(newRefresh, clock.instant().plus(REFRESH_LIFETIME));
        current = new TokenPair(newAccess, newRefresh);
        return Optional.of(new Grant(newAccess, newRefresh, ACCESS_LIFETIME.toSeconds()));
    }

    /** How many times a refresh token was spent. */
    synchronized long refreshes() {
        return refreshes;
    }

    private String next(String kind) {
        issued++;
        return VendorHmac.sha256Hex(secret, kind + ":" + issued).substring(0, 32);
    }
}
