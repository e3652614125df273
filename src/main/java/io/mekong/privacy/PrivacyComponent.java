package io.mekong.privacy;

import io.mekong.camel.OperationComponent;
import io.mekong.config.MekongProperties;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.Headers;
import io.mekong.webhook.Delivery;
import io.mekong.webhook.WebhookInbox;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * {@code privacy:} — the steps of the {@code privacy-requests} route:
 * <ul>
 * <li>{@code privacy:claim}: claims due privacy-law deliveries from the webhook inbox (one statement, with a lease),
 *     body {@code List<Delivery>}; {@link Headers#HAS_MORE} when the claim was full.</li>
 * <li>{@code privacy:fulfil}: body one {@link Delivery} → erased, exported or the shop removed, and the delivery
 *     settled, in one transaction ({@link PrivacyRequests}); body the settlement's outcome.</li>
 * <li>{@code privacy:retry}: after a failure, puts the delivery off (2, 4, 8 … s; failed after
 *     {@link WebhookInbox#MAX_ATTEMPTS}) in a statement of its own.</li>
 * </ul>
 */
// Prototype: every CamelContext that resolves "privacy" gets its own instance (see StoreComponent).
@Component("privacy")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class PrivacyComponent extends OperationComponent {

    private static final Logger log = LoggerFactory.getLogger(PrivacyComponent.class);

    private final WebhookInbox inbox;
    private final PrivacyRequests requests;
    private final int batchSize;
    private final Duration lease;

    public PrivacyComponent(WebhookInbox inbox, PrivacyRequests requests, MekongProperties properties) {
        super("privacy", List.of("claim", "fulfil", "retry"));
        this.inbox = inbox;
        this.requests = requests;
        this.batchSize = properties.webhooks().processBatch();
        this.lease = properties.webhooks().claimLease();
    }

    @Override
    protected void process(String operation, Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        switch (operation) {
            case "claim" -> {
                List<Delivery> due = inbox.claimPrivacy(batchSize, lease);
                message.setBody(due);
                message.setHeader(Headers.HAS_MORE, due.size() == batchSize);
            }
            case "fulfil" -> message.setBody(requests.fulfil(message.getMandatoryBody(Delivery.class)).outcome());
            default -> {
                Delivery delivery = message.getMandatoryBody(Delivery.class);
                Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                String reason = failure == null ? "processing failed" : ConnectorException.reasonOf(failure);
                // the reason names the failing step, never the request's body: it may hold the person's data
                log.warn("privacy request {} of {} ({}) not fulfilled, tried again later: {}", delivery.id(),
                        delivery.connectionId(), delivery.topic(), reason);
                inbox.retryLater(List.of(delivery), reason);
            }
        }
    }
}
