package io.mekong.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mekong.connection.ConnectionService;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Resolves the webhook URL form that names the workspace, {@code /webhooks/{connector}/{workspace}/{connection}}
 * with the connection's API id, to the connection's global id, which the older form
 * {@code /webhooks/{connector}/{connection}} names directly. A name that resolves to nothing is answered exactly as
 * a bad signature is ({@link WebhookReceiver#unverified()}).
 */
@Component
public class WebhookTargets {

    private static final Logger log = LoggerFactory.getLogger(WebhookTargets.class);

    private record Name(String workspace, String apiId) {
    }

    private final ConnectionService connections;
    // as the receiver caches what it needs per connection: a delivery should not cost a lookup of its own
    private final Cache<Name, Optional<String>> ids = Caffeine.newBuilder()
            .expireAfterWrite(WebhookReceiver.CACHE_FOR).maximumSize(10_000).build();

    public WebhookTargets(ConnectionService connections) {
        this.connections = connections;
    }

    /** @throws WebhookRejected (401, as for a bad signature) when the workspace has no connection of that id */
    public String connectionId(String workspace, String apiId) {
        return ids.get(new Name(workspace, apiId), name -> connections.id(name.workspace(), name.apiId()))
                .orElseThrow(() -> {
                    log.warn("webhook for {} of workspace {} refused: the workspace has no connection of that id", apiId,
                            workspace);
                    return WebhookReceiver.unverified();
                });
    }
}
