package io.mekong.sandbox.haravan;

import io.mekong.sandbox.QueryParameters;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.TokenPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * accounts.haravan.com, the OpenID Connect server that issues the Omni API's tokens: {@code POST /connect/token} with
 * {@code grant_type=refresh_token} answers a new bearer access token that expires after {@code accessTokenLifetime}
 * and a new refresh token; the refresh token sent is spent (one use only), so a client that loses the answer has lost
 * the app's access. The client authenticates with {@code client_id} and {@code client_secret} as form fields or with
 * HTTP Basic. Errors are OAuth 2's: {@code invalid_client}, {@code invalid_grant}, {@code unsupported_grant_type}.
 */
public final class HaravanAccounts {

    /** An app registered at developers.haravan.com. */
    public record App(String clientId, String clientSecret) {
    }

    /** What a token opens: which shop, with which scopes, until when. */
    record Grant(long orgId, Set<String> scopes, Instant expiresAt) {
    }

    private volatile App app;
    private final Clock clock;
    private final Duration accessTokenLifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<Long, TokenPair> lastIssued = new ConcurrentHashMap<>();

    public HaravanAccounts(App app, Clock clock, Duration accessTokenLifetime) {
        this.app = app;
        this.clock = clock;
        this.accessTokenLifetime = accessTokenLifetime;
    }

    public App app() {
        return app;
    }

    /** A new client secret for the app (developers.haravan.com "reset secret"); the client id stays. */
    public void resetSecret(String clientSecret) {
        app = new App(app.clientId(), clientSecret);
    }

    /** Installs the app on a shop with {@code scopes}, as the authorization-code flow ends: an access and a refresh token. */
    public Map.Entry<String, String> install(long orgId, Set<String> scopes, String accessToken, String refreshToken) {
        accessTokens.put(accessToken, new Grant(orgId, Set.copyOf(scopes), clock.instant().plus(accessTokenLifetime)));
        refreshTokens.put(refreshToken, new Grant(orgId, Set.copyOf(scopes), Instant.MAX));
        lastIssued.put(orgId, new TokenPair(accessToken, refreshToken));
        return Map.entry(accessToken, refreshToken);
    }

    /** The pair the app was issued last for the shop, whose refresh token is unspent; empty when not installed there. */
    public Optional<TokenPair> currentTokens(long orgId) {
        return Optional.ofNullable(lastIssued.get(orgId));
    }

    /** The grant of a live access token; empty when unknown or expired. */
    Optional<Grant> grant(String accessToken) {
        Grant grant = accessTokens.get(accessToken);
        return grant == null || !clock.instant().isBefore(grant.expiresAt()) ? Optional.empty() : Optional.of(grant);
    }

    boolean expired(String accessToken) {
        Grant grant = accessTokens.get(accessToken);
        return grant != null && !clock.instant().isBefore(grant.expiresAt());
    }

    /** Whether a refresh token can still be used (tests check that a spent one is refused). */
    public boolean refreshTokenLive(String refreshToken) {
        return refreshTokens.containsKey(refreshToken);
    }

    /** {@code POST /connect/token}. */
    SimulatorResponse token(String authorization, byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        QueryParameters.parse(new String(body, StandardCharsets.UTF_8)).forEach(e -> form.putIfAbsent(e.getKey(), e.getValue()));
        String clientId = form.get("client_id");
        String clientSecret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                clientId = QueryParameters.decode(colon < 0 ? pair : pair.substring(0, colon));
                clientSecret = colon < 0 ? "" : QueryParameters.decode(pair.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return error(400, "invalid_client");
            }
        }
        if (!app.clientId().equals(clientId) || clientSecret == null || !MessageDigest.isEqual(
                app.clientSecret().getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8))) {
            return error(400, "invalid_client");
        }
        if (!"refresh_token".equals(form.get("grant_type"))) {
            return error(400, form.containsKey("grant_type") ? "unsupported_grant_type" : "invalid_request");
        }
        String spent = form.get("refresh_token");
        Grant grant = spent == null ? null : refreshTokens.remove(spent);
        if (grant == null) {
            return error(400, "invalid_grant");
        }
        String access = newToken();
        String refresh = newToken();
        accessTokens.put(access, new Grant(grant.orgId(), grant.scopes(), clock.instant().plus(accessTokenLifetime)));
        refreshTokens.put(refresh, grant);
        lastIssued.put(grant.orgId(), new TokenPair(access, refresh));
        ObjectNode answer = HaravanShop.NODES.objectNode();
        answer.put("access_token", access).put("expires_in", accessTokenLifetime.toSeconds()).put("token_type", "Bearer")
                .put("refresh_token", refresh).put("scope", String.join(" ", List.copyOf(grant.scopes())));
        return SimulatorResponse.json(200, answer.toString()).withHeader("Cache-Control", "no-store, no-cache, max-age=0")
                .withHeader("Pragma", "no-cache");
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toUpperCase();
    }

    private static SimulatorResponse error(int status, String code) {
        return SimulatorResponse.json(status, HaravanShop.NODES.objectNode().put("error", code).toString());
    }
}
