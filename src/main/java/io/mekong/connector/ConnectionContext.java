package io.mekong.connector;

import java.util.Map;

/**
 * Everything the engine needs to talk to one configured system: the connector spec name, the connection's
 * declared parameters and its decrypted secrets. Secrets never leave the process and are never logged;
 * {@link #toString()} leaves them out.
 */
public record ConnectionContext(String connectionId, String workspaceId, String connector,
                                Map<String, Object> params, Map<String, String> secrets) {

    public ConnectionContext {
        params = Map.copyOf(params);
        secrets = Map.copyOf(secrets);
    }

    /** The same connection with other secrets (renewed tokens). */
    public ConnectionContext withSecrets(Map<String, String> renewed) {
        return new ConnectionContext(connectionId, workspaceId, connector, params, renewed);
    }

    @Override
    public String toString() {
        return "ConnectionContext[" + connectionId + ", " + connector + ", params=" + params + ", secrets=" + secrets.keySet() + "]";
    }
}
