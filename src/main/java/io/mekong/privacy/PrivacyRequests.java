package io.mekong.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.webhook.Delivery;
import io.mekong.webhook.Settlement;
import io.mekong.webhook.WebhookInbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fulfils a privacy-law delivery from the webhook inbox in one transaction with its settlement, so a request is done
 * exactly once. The topics and bodies are Shopify's mandatory compliance webhooks
 * (shopify.dev, "Privacy law compliance"; samples in ../shared/fixtures/shopify/compliance):
 * <ul>
 * <li>{@code customers/redact} {@code {shop_id, shop_domain, customer:{id,email,phone}, orders_to_redact:[ids]}}: the
 *     customer's profile is erased everywhere (DELETE /api/profiles/{id} does the same), with the named orders and
 *     every mention of the body's email and phone;</li>
 * <li>{@code customers/data_request} {@code {..., customer:{...}, orders_requested:[ids], data_request:{id}}}: the
 *     export of everything held is kept as a data request for the merchant to fetch and send to the customer;</li>
 * <li>{@code shop/redact} {@code {shop_id, shop_domain}}: everything the connection brought in is removed.</li>
 * </ul>
 */
@Service
public class PrivacyRequests {

    static final String CUSTOMER_REDACT = "customers/redact";
    static final String DATA_REQUEST = "customers/data_request";
    static final String SHOP_REDACT = "shop/redact";

    private final JdbcTemplate jdbc;
    private final Erasures erasures;
    private final ProfileExport export;
    private final ShopRemoval shops;
    private final WebhookInbox inbox;

    PrivacyRequests(JdbcTemplate jdbc, Erasures erasures, ProfileExport export, ShopRemoval shops, WebhookInbox inbox) {
        this.jdbc = jdbc;
        this.erasures = erasures;
        this.export = export;
        this.shops = shops;
        this.inbox = inbox;
    }

    @Transactional
    public Settlement fulfil(Delivery delivery) {
        Settlement settlement = switch (delivery.topic()) {
            case CUSTOMER_REDACT, DATA_REQUEST -> customer(delivery);
            case SHOP_REDACT -> Settlement.processed("shop data removed: "
                    + shops.remove(delivery.connectionId(), delivery.id()) + " rows");
            default -> new Settlement("ignored", "not a privacy topic Mekong fulfils: " + delivery.topic(), null);
        };
        inbox.settle(Map.of(delivery.id(), settlement));
        return settlement;
    }

    private Settlement customer(Delivery delivery) {
        JsonNode body = delivery.body();
        String customerId = text(body.at("/customer/id"));
        if (customerId == null) {
            return new Settlement("failed", delivery.topic() + " names no customer at /customer/id of its body", null);
        }
        String workspace = jdbc.queryForObject("select workspace_id from connection where id = ?", String.class,
                delivery.connectionId());
        Long profile = jdbc.query("select profile_id from identity where connection_id = ? and kind = 'customer'"
                        + " and external_id = ?", (rs, i) -> (Long) rs.getObject(1), delivery.connectionId(), customerId)
                .stream().findFirst().orElse(null);
        List<SourceRecordKey> records = new ArrayList<>();
        records.add(new SourceRecordKey(delivery.connectionId(), "customer", customerId));
        boolean redact = delivery.topic().equals(CUSTOMER_REDACT);
        body.path(redact ? "orders_to_redact" : "orders_requested").forEach(order ->
                records.add(new SourceRecordKey(delivery.connectionId(), "order", order.asText())));
        if (redact) {
            List<String> terms = new ArrayList<>();
            for (String field : List.of("/customer/email", "/customer/phone")) {
                String value = text(body.at(field));
                if (value != null) {
                    terms.add(value.toLowerCase());
                }
            }
            long erasure = erasures.erase(workspace, profile, records, terms, "shopify " + CUSTOMER_REDACT, null);
            return Settlement.processed("erased: erasure " + erasure, customerId);
        }
        JsonNode document = export.export(workspace, profile, records);
        long request = jdbc.queryForObject("""
                insert into data_request (workspace_id, connection_id, source_request, customer_external_id, profile_id,
                  document) values (?, ?, ?, ?, ?, ?::jsonb) returning id""", Long.class, workspace,
                delivery.connectionId(), text(body.at("/data_request/id")), customerId, profile, document.toString());
        return Settlement.processed("exported: data request " + request, customerId);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.asText().isBlank() ? node.asText() : null;
    }
}
