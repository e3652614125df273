package io.mekong.api;

import io.mekong.config.MekongProperties;
import io.mekong.webhook.WebhookReceiver;
import io.mekong.webhook.WebhookRejected;
import io.mekong.webhook.WebhookTargets;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/{connector}/{workspace}/{connection}} (the connection's API id in its workspace, as connection
 * responses give it) and the older {@code POST /webhooks/{connector}/{connection}} (its global id): authenticated by
 * the sender's signature, not by a user. The body is read raw (the signature covers its exact bytes) and up to a
 * limit; the answer is 200 only once the delivery is stored.
 */
@RestController
class WebhookController {

    private final WebhookReceiver receiver;
    private final WebhookTargets targets;
    private final int maxBodyBytes;

    WebhookController(WebhookReceiver receiver, WebhookTargets targets, MekongProperties properties) {
        this.receiver = receiver;
        this.targets = targets;
        this.maxBodyBytes = properties.webhooks().maxBodyBytes();
    }

    @PostMapping("/webhooks/{connector}/{workspace}/{connection}")
    ResponseEntity<Map<String, Object>> receive(@PathVariable String connector, @PathVariable String workspace,
                                                @PathVariable String connection, HttpServletRequest request)
            throws IOException {
        return receive(connector, () -> targets.connectionId(workspace, connection), request);
    }

    @PostMapping("/webhooks/{connector}/{connection}")
    ResponseEntity<Map<String, Object>> receive(@PathVariable String connector, @PathVariable String connection,
                                                HttpServletRequest request) throws IOException {
        return receive(connector, () -> connection, request);
    }

    /** @param connectionId the connection's global id; resolved after the body is read, as a delivery to any id is */
    private ResponseEntity<Map<String, Object>> receive(String connector, Supplier<String> connectionId,
                                                        HttpServletRequest request) throws IOException {
        try {
            byte[] body = body(request);
            WebhookReceiver.Receipt receipt = receiver.receive(connector, connectionId.get(), body, headers(request));
            return ResponseEntity.ok(Map.of("status", receipt.duplicate() ? "duplicate" : "accepted",
                    "topic", receipt.topic()));
        } catch (WebhookRejected e) {
            return ResponseEntity.status(e.status()).body(Map.of("error", e.error(), "detail", e.getMessage()));
        }
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw tooLarge();
            }
            return body;
        }
    }

    private WebhookRejected tooLarge() {
        return new WebhookRejected(413, "body too large", "webhook bodies are limited to " + maxBodyBytes + " bytes");
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        return headers;
    }
}
