package io.mekong.webhook;

import io.mekong.config.Json;
import io.mekong.config.JsonNul;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.spec.TopicSpec;
import io.mekong.connector.spec.WebhookSpec;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.Optional;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Takes a delivery from a sender: the connection must exist and its connector receive webhooks, and the signature
 * must hold over the raw body (else 401, alike for both, see {@link #unverified()}), the body must be JSON (else 400). Then it is stored in the
 * inbox, once per sender event id (or body hash; see {@link InboxAdmission}), before the caller answers 200;
 * processing happens later.
 * A connection's verifier is built from its secrets once per {@link #CACHE_FOR}.
 */
@Service
public class WebhookReceiver {

    private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);

    /** What happened to an accepted delivery. */
    public record Receipt(boolean duplicate, String topic, String entity) {
    }

    /** How long a connection's verifier is reused: a changed secret or a deleted connection takes effect within it. */
    static final Duration CACHE_FOR = Duration.ofSeconds(10);

    /** What receiving for one connection needs, built from its stored row and secrets. */
    private record Receiving(String workspaceId, WebhookSpec spec, SignatureVerifier verifier, String signedUrl,
                             String problem) {
    }

    private final ConnectionService connections;
    private final ConnectorEngine engine;
    private final InboxAdmission inbox;
    private final Clock clock;
    // a delivery would otherwise read and decrypt its connection every time: most of a webhook's CPU (P2)
    private final Cache<String, Optional<Receiving>> receiving = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_FOR).maximumSize(10_000).build();

    WebhookReceiver(ConnectionService connections, ConnectorEngine engine, InboxAdmission inbox, Clock clock) {
        this.connections = connections;
        this.engine = engine;
        this.inbox = inbox;
        this.clock = clock;
    }

    /** @throws WebhookRejected with the status to answer; nothing is stored then */
    public Receipt receive(String connector, String connectionId, byte[] body, Map<String, String> headers) {
        Optional<Receiving> found = receiving.get(connector + "/" + connectionId, key -> receiving(connector, connectionId));
        if (found.isEmpty()) {
            log.warn("webhook for {} refused: no {} connection of that id receives webhooks", connectionId, connector);
            throw unverified();
        }
        Receiving target = found.get();
        WebhookRequest request = new WebhookRequest(body, headers, target.signedUrl());
        String problem = target.problem() != null ? target.problem() : target.verifier().problem(request);
        if (problem != null) {
            log.warn("webhook for {} refused: {}", connectionId, problem);
            throw unverified();
        }
        WebhookSpec spec = target.spec();
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new WebhookRejected(400, "malformed body", "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WebhookRejected(400, "malformed body", "the body cannot be read: " + e.getMessage());
        }
        if (json == null || !json.isContainerNode()) {
            throw new WebhookRejected(400, "malformed body", "the body is not a JSON object or array");
        }
        String nul = JsonNul.firstAt(json);
        if (nul != null) {
            throw new WebhookRejected(400, "malformed body", "the body has a NUL character (\\u0000) at " + nul
                    + ", which the hub cannot store");
        }
        String topic = locate(spec.topic(), request, json);
        if (topic == null) {
            throw new WebhookRejected(400, "malformed body", "no topic in " + describe(spec.topic()));
        }
        String eventId = spec.eventId() == null ? null : locate(spec.eventId(), request, json);
        String bodyHash = eventId == null || spec.dedupeOnBody() ? sha256(body) : null;
        String dedupeKey = eventId != null ? "event:" + eventId : "sha256:" + bodyHash;
        TopicSpec topicSpec = spec.topics().get(topic);
        String entity = topicSpec == null ? null : topicSpec.entity();
        Instant eventTime = topicSpec == null || topicSpec.at() == null ? null
                : EventTime.parse(locate(topicSpec.at(), request, json)).orElse(null);
        boolean stored;
        try {
            stored = inbox.admit(new InboxAdmission.Arrival(target.workspaceId(), connectionId, topic, entity, dedupeKey,
                    spec.dedupeOnBody() ? bodyHash : null, json.toString(), entity == null ? "ignored" : "pending", eventTime));
        } catch (DataIntegrityViolationException e) {
            receiving.invalidate(connector + "/" + connectionId); // deleted since it was cached
            log.warn("webhook for {} refused: the connection was deleted", connectionId);
            throw unverified();
        }
        return new Receipt(!stored, topic, entity);
    }

    /**
     * The one answer to every delivery that cannot be verified: a wrong or missing signature, a connection without its
     * secret, and a connection that does not exist answer alike, so a caller learns nothing of which connections exist.
     * The log names the actual reason for operators.
     */
    static WebhookRejected unverified() {
        return new WebhookRejected(401, "invalid signature",
                "the delivery is not signed as this connection's sender signs; see the hub's log for the reason");
    }

    /** Empty when there is no such connection of this connector, or the connector receives no webhooks. */
    private Optional<Receiving> receiving(String connector, String connectionId) {
        Connection connection = connections.find(connectionId).filter(c -> c.connector().equals(connector)).orElse(null);
        WebhookSpec spec = engine.webhooks(connector);
        if (connection == null || spec == null) {
            return Optional.empty();
        }
        ConnectionContext context = connections.context(connectionId);
        UnaryOperator<String> render = template -> engine.render(context, template);
        try {
            return Optional.of(new Receiving(connection.workspaceId(), spec, Verifiers.of(spec.signature(), render, clock),
                    Verifiers.signedUrl(spec.signature(), render), null));
        } catch (IllegalArgumentException e) {
            // e.g. the connection has no webhook secret: nothing can be verified, so nothing is accepted
            return Optional.of(new Receiving(connection.workspaceId(), spec, null, null,
                    "connection " + connectionId + " cannot verify webhooks: " + e.getMessage()));
        }
    }

    private static String locate(WebhookSpec.Locator locator, WebhookRequest request, JsonNode body) {
        if (locator.header() != null) {
            return request.header(locator.header()).orElse(null);
        }
        JsonNode value = body.at(locator.field());
        return value.isValueNode() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static String describe(WebhookSpec.Locator locator) {
        return locator.header() != null ? "header " + locator.header() : "body field " + locator.field();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
