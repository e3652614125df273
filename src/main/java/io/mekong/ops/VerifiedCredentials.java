package io.mekong.ops;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.mekong.config.MekongProperties;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * HTTP Basic credentials that passed the password check a moment ago, so a script reading thousands of pages pays
 * for one BCrypt check per {@code ttl} instead of one per request. Keyed by the SHA-256 of the whole
 * {@code Authorization} header: the cache never holds a password, and a wrong password is never a key (only
 * verified credentials are remembered). A user disabled, deleted or given a new password is {@link #forget forgotten}
 * at once by the change that did it.
 */
class VerifiedCredentials {

    private final Cache<String, Authentication> verified;

    VerifiedCredentials(MekongProperties.BasicCache settings, Ticker ticker) {
        this.verified = Caffeine.newBuilder().maximumSize(settings.size()).expireAfterWrite(settings.ttl())
                .ticker(ticker).build();
    }

    /** The key of an {@code Authorization} header's value: its SHA-256, in hex. */
    static String key(String authorizationHeader) {
        return HexFormat.of().formatHex(Sha256.of(authorizationHeader));
    }

    Optional<Authentication> find(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(verified.getIfPresent(key));
    }

    void remember(String key, Authentication authentication) {
        if (key != null && authentication.isAuthenticated()) {
            verified.put(key, authentication);
        }
    }

    /**
     * Drops every remembered credential of {@code username}. The keys are hashes of whole headers, so this scans the
     * entries: it runs on the rare password change, disabling or deletion, never per request.
     */
    void forget(String username) {
        verified.asMap().values().removeIf(authentication -> authentication.getName().equals(username));
    }
}
