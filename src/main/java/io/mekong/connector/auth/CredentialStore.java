package io.mekong.connector.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where renewed access tokens are kept. Renewal happens under a lock held across instances, because a refresh
 * token is spent by its use: two instances refreshing at once would leave one of them with a dead token.
 */
public interface CredentialStore {

    /**
     * Under the connection's lock, hands {@code renew} the secrets as stored now and saves the secrets it returns
     * (merged over the stored ones); {@code renew} returns null when the stored ones are already fresh.
     *
     * @return the secrets in force afterwards
     */
    Map<String, String> renew(String connectionId, Map<String, String> known, UnaryOperator<Map<String, String>> renew);

    /** A store in this process only (tests, tools): seeded with the secrets first shown to it. */
    static CredentialStore inMemory() {
        Map<String, Map<String, String>> stored = new HashMap<>();
        return (connectionId, known, renew) -> {
            synchronized (stored) {
                Map<String, String> current = stored.computeIfAbsent(connectionId, id -> Map.copyOf(known));
                Map<String, String> changes = renew.apply(current);
                if (changes != null) {
                    Map<String, String> merged = new HashMap<>(current);
                    merged.putAll(changes);
                    stored.put(connectionId, Map.copyOf(merged));
                }
                return stored.get(connectionId);
            }
        };
    }
}
