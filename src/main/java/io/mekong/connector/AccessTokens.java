package io.mekong.connector;

import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.spec.TokenRenewal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps short-lived access tokens fresh: renews one shortly before it expires, or once when the API rejects it,
 * through a {@link CredentialStore} that lets one instance at a time spend the refresh token.
 */
final class AccessTokens {

    /** Renew this long before the recorded expiry, so no request races the deadline. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    private record Renewal(String replacedToken, Map<String, String> secrets) {
    }

    private final CredentialStore store;
    private final Clock clock;
    private final Map<String, Renewal> renewed = new ConcurrentHashMap<>();

    AccessTokens(CredentialStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The connection with the freshest secrets this process knows: a caller may still hold the replaced token. */
    ConnectionContext current(ConnectionContext context, TokenRenewal spec) {
        Renewal renewal = renewed.get(context.connectionId());
        boolean stale = renewal != null
                && Objects.equals(renewal.replacedToken(), context.secrets().get(spec.accessTokenSecret()));
        return stale ? context.withSecrets(renewal.secrets()) : context;
    }

    /**
     * Whether a token must be obtained before the next request: there is none yet (an OAuth 2 client-credentials
     * connection starts without one), or it expires within the margin.
     */
    boolean due(ConnectionContext context, TokenRenewal spec) {
        String token = context.secrets().get(spec.accessTokenSecret());
        if (token == null || token.isBlank()) {
            return true;
        }
        String at = context.secrets().get(TokenRenewal.EXPIRES_AT_SECRET);
        if (at == null) {
            return false;
        }
        try {
            return !Instant.parse(at).isAfter(clock.instant().plus(MARGIN));
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /**
     * Renews the access token unless, by the time the lock is held, the stored one is already another than the one
     * this caller used and is not about to expire (another instance renewed it).
     *
     * @param rejected whether the API refused the token (else the renewal is ahead of its expiry)
     * @param refresh  calls the token endpoint with the stored secrets; returns the secrets to save
     */
    ConnectionContext renew(ConnectionContext context, TokenRenewal spec, boolean rejected,
                            Function<ConnectionContext, Map<String, String>> refresh) {
        String used = context.secrets().get(spec.accessTokenSecret());
        Map<String, String> secrets = store.renew(context.connectionId(), context.secrets(), stored -> {
            ConnectionContext now = context.withSecrets(stored);
            boolean renewedElsewhere = !Objects.equals(stored.get(spec.accessTokenSecret()), used);
            if (renewedElsewhere && !due(now, spec) || !rejected && !due(now, spec)) {
                return null;
            }
            return refresh.apply(now);
        });
        renewed.put(context.connectionId(), new Renewal(used, Map.copyOf(secrets)));
        return context.withSecrets(secrets);
    }
}
