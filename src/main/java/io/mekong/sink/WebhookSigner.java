package io.mekong.sink;

import io.mekong.bus.BusEvent;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectionContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Prepares one event for a webhook destination's POST (connector {@code webhook}): the body is the event as published
 * (its CloudEvents envelope), and {@code Mekong-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}
 * signs it with the connection's signing secret, so the receiver can check that the hub sent it and when
 * (docs/destinations.md shows the check). Only the headers of {@link #SENT} leave the hub: it is also the route's
 * header filter.
 */
@Component("webhookHeaders")
public class WebhookSigner implements HeaderFilterStrategy {

    static final String EVENT = "MekongEvent";
    /**
     * The connection as read once for the poll, in a holder the split's exchanges share (their properties are copies of
     * the poll's): a retry that reads it again (an operator fixed the secret) leaves the fresh one for the events after.
     * ConnectionContext never prints its secrets.
     */
    static final String CONNECTION = "MekongConnection";
    public static final String SIGNATURE = "Mekong-Signature";
    public static final String URL_PARAM = "url";
    public static final String SECRET = "signingSecret";
    private static final Set<String> SENT = Set.of("content-type", "mekong-signature", "mekong-event-id",
            "mekong-event-type", "user-agent");

    private final ConnectionService connections;
    private final Clock clock;

    @Autowired
    public WebhookSigner(ConnectionService connections) {
        this(connections, Clock.systemUTC());
    }

    WebhookSigner(ConnectionService connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /** Reads the destination's connection for the poll's events, once for all of them. */
    void readConnection(Destination destination, Exchange exchange) {
        exchange.setProperty(CONNECTION, new AtomicReference<>(connections.context(destination.connectionId())));
    }

    /** Signs an event for its first try, with the connection read for its poll ({@link #readConnection}) if it was. */
    void prepare(Destination destination, Message message) throws Exception {
        BusEvent event = message.getMandatoryBody(BusEvent.class);
        message.getExchange().setProperty(EVENT, event);
        AtomicReference<ConnectionContext> read = read(message.getExchange());
        sign(read != null ? read.get() : connections.context(destination.connectionId()), event, message);
    }

    /**
     * Signs the exchange's event again before another try: with the connection's secret as it is now (an operator may
     * have fixed it) and a fresh time, which receivers check against their clock.
     */
    void signAgain(Destination destination, Message message) throws Exception {
        ConnectionContext connection = connections.context(destination.connectionId());
        AtomicReference<ConnectionContext> read = read(message.getExchange());
        if (read != null) {
            read.set(connection);
        }
        sign(connection, message.getExchange().getProperty(EVENT, BusEvent.class), message);
    }

    @SuppressWarnings("unchecked")
    private static AtomicReference<ConnectionContext> read(Exchange exchange) {
        return exchange.getProperty(CONNECTION, AtomicReference.class);
    }

    private void sign(ConnectionContext connection, BusEvent event, Message message) throws Exception {
        long now = clock.instant().getEpochSecond();
        message.setHeader(Exchange.HTTP_URI, connection.params().get(URL_PARAM));
        message.setHeader(Exchange.CONTENT_TYPE, "application/cloudevents+json; charset=utf-8");
        message.setHeader("User-Agent", "Mekong");
        message.setHeader("Mekong-Event-Id", event.id().toString());
        message.setHeader("Mekong-Event-Type", event.type());
        message.setHeader(SIGNATURE, signature(connection.secrets().get(SECRET), now, event.json()));
        message.setBody(event.json());
    }

    static String signature(String secret, long unixSeconds, String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
    }

    /** Why the endpoint refused an event, in words for the dead letter: its status, never its body. */
    static String reason(Exception failure) {
        if (failure instanceof HttpOperationFailedException http) {
            return "the endpoint answered HTTP " + http.getStatusCode() + " " + http.getStatusText();
        }
        return failure == null ? "refused" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !SENT.contains(headerName.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        // nothing of the endpoint's answer is kept beyond its status
        return true;
    }
}
