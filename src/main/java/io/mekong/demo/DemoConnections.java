package io.mekong.demo;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionDraft;
import io.mekong.connection.ConnectionService;
import io.mekong.ops.AdminBootstrap;
import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SandboxSecrets;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo's connections in the default workspace, shared by its sources ({@link DemoBootstrap}) and its targets
 * ({@link DemoDestinations}). No secret is written in the code: the first start makes random ones and stores them
 * sealed in the demo connections; every later start hands the stored ones (as the hub has renewed them since) to the
 * simulators. Existing connections are kept as they are (an operator may have changed them), except that their local
 * URLs follow the port.
 */
@Component
@ConditionalOnSandbox
@ConditionalOnProperty(name = "mekong.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoConnections {

    static final String LOCAL = "http://localhost:";

    private final ConnectionService connections;
    /** Each demo connection's secrets as this start handed them to the simulators. */
    private final Map<String, Map<String, String>> secrets = new HashMap<>();
    private int port;

    DemoConnections(ConnectionService connections) {
        this.connections = connections;
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    /** A URL of this hub's own port: where the in-process simulators answer. */
    String local(String path) {
        return LOCAL + port + path;
    }

    /** Where the demo's simulators send a connection's webhooks: the URL form that names the workspace. */
    URI webhookUrl(String connector, String id) {
        return URI.create(local("/webhooks/" + connector + "/" + AdminBootstrap.DEFAULT_WORKSPACE + "/" + id));
    }

    /** The secrets this start handed to the simulators for a connection. */
    Map<String, String> handed(String connectionId) {
        return secrets.get(connectionId);
    }

    /** A demo connection by its API id in the default workspace, where the demo keeps its connections. */
    private Optional<Connection> existing(String id) {
        return connections.findByApiId(AdminBootstrap.DEFAULT_WORKSPACE, id).stream().findFirst();
    }

    /** A parameter that identifies the demo's credentials (a consumer key): random on a first start, kept after that. */
    String keptParam(String connectionId, String name, String prefix) {
        return existing(connectionId).map(c -> c.params().get(name)).map(String::valueOf)
                .orElseGet(() -> SandboxSecrets.random(prefix));
    }

    /**
     * The demo connection's secrets {@code names}: those an earlier start stored (sealed, and renewed by the hub since,
     * such as Shopee's and Lazada's token pairs), else fresh random ones for this install; kept for this start.
     */
    Map<String, String> secrets(String connectionId, String... names) {
        return secrets(connectionId, Map.of(), names);
    }

    /** @param fresh what a first start uses for some of the names instead of random values (a simulator's own) */
    Map<String, String> secrets(String connectionId, Map<String, String> fresh, String... names) {
        Map<String, String> stored = existing(connectionId).map(c -> connections.context(c.id()).secrets())
                .orElse(Map.of());
        Map<String, String> chosen = new HashMap<>();
        for (String name : names) {
            chosen.put(name, stored.getOrDefault(name, fresh.getOrDefault(name, SandboxSecrets.random(""))));
        }
        secrets.put(connectionId, Map.copyOf(chosen));
        return secrets.get(connectionId);
    }

    /**
     * The demo connection, created on a first start, or following its simulator to this start's port.
     *
     * @param baseUrl null for a connector whose URL is a parameter of its own (a webhook endpoint's {@code url})
     * @return its global id
     */
    String connection(String id, String connector, String name, String baseUrl, Map<String, Object> params) {
        Map<String, String> handed = secrets.get(id);
        Optional<Connection> existing = existing(id);
        Map<String, Object> withBase = new HashMap<>(params);
        if (baseUrl != null) {
            withBase.put("baseUrl", baseUrl);
        }
        String globalId;
        if (existing.isEmpty()) {
            globalId = connections.create(new ConnectionDraft(id, AdminBootstrap.DEFAULT_WORKSPACE, connector, name,
                    withBase, handed)).id();
        } else {
            globalId = existing.get().id();
            // the hub restarted on another port: the demo connection's URLs (base URL, Lazada's auth host) must follow
            // its in-process simulator
            Map<String, Object> moved = new HashMap<>(existing.get().params());
            withBase.forEach((key, value) -> {
                if (value.toString().startsWith(LOCAL)) {
                    moved.put(key, value);
                }
            });
            // secrets an earlier start did not store (or an operator removed) were made fresh for this start: keep them
            Map<String, String> stored = connections.context(globalId).secrets();
            Map<String, String> missing = new HashMap<>(handed);
            missing.keySet().removeAll(stored.keySet());
            if (!moved.equals(existing.get().params())) {
                // its own simulators moved with the port: the demo gives the secrets again, as a move requires
                Map<String, String> all = new HashMap<>(stored);
                all.putAll(missing);
                connections.update(existing.get(), new ConnectionDraft(id, existing.get().workspaceId(), null, null, moved, all));
            } else if (!missing.isEmpty()) {
                connections.update(existing.get(), new ConnectionDraft(id, existing.get().workspaceId(), null, null, moved, missing));
            }
        }
        return globalId;
    }
}
