package io.mekong.sandbox.stripe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Stripe's objects in the shape API version {@code 2025-03-31.basil} writes them, every field present (null when it
 * does not apply), as stripe-mock's {@code fixtures3.json} has them; {@code StripeObjectShapeTest} holds the key
 * sets to the fixtures. Money is an integer in the currency's minor unit, whole units for zero-decimal currencies.
 */
final class StripeObjects {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StripeObjects() {
    }

    static ObjectNode customer(String id, long created, String currency, StripeAccount.Person person, boolean livemode) {
        ObjectNode c = NODES.objectNode();
        c.put("id", id).put("object", "customer");
        ObjectNode address = c.putObject("address");
        address.put("city", person.city()).put("country", person.country()).put("line1", person.line1()).putNull("line2")
                .put("postal_code", person.postalCode()).putNull("state");
        c.put("balance", 0).put("created", created).put("currency", currency).putNull("default_source")
                .put("delinquent", false).putNull("description").putNull("discount").put("email", person.email())
                .put("invoice_prefix", id.substring(id.length() - 8).toUpperCase());
        ObjectNode invoiceSettings = c.putObject("invoice_settings");
        invoiceSettings.putNull("custom_fields").putNull("default_payment_method").putNull("footer").putNull("rendering_options");
        c.put("livemode", livemode);
        ObjectNode metadata = c.putObject("metadata");
        if (person.shopifyCustomerId() != null) {
            metadata.put("shopify_customer_id", person.shopifyCustomerId());
        }
        c.put("name", person.name()).put("next_invoice_sequence", 1).put("phone", person.phone());
        c.putArray("preferred_locales").add(person.locale());
        c.putNull("shipping").put("tax_exempt", "none").putNull("test_clock");
        return c;
    }

    static ObjectNode paymentIntent(String id, long created, long amount, String currency, String customer,
                                    String receiptEmail, String orderId, boolean livemode) {
        ObjectNode p = NODES.objectNode();
        p.put("id", id).put("object", "payment_intent").put("amount", amount).put("amount_capturable", 0);
        p.putObject("amount_details").putObject("tip");
        p.put("amount_received", 0).putNull("application").putNull("application_fee_amount");
        p.putObject("automatic_payment_methods").put("allow_redirects", "always").put("enabled", true);
        p.putNull("canceled_at").putNull("cancellation_reason").put("capture_method", "automatic_async")
                .put("client_secret", id + "_secret_" + id.substring(3)).put("confirmation_method", "automatic")
                .put("created", created).put("currency", currency).put("customer", customer).putNull("description")
                .putNull("last_payment_error").putNull("latest_charge").put("livemode", livemode);
        ObjectNode metadata = p.putObject("metadata");
        if (orderId != null) {
            metadata.put("order_id", orderId);
        }
        p.putNull("next_action").putNull("on_behalf_of").putNull("payment_method").putNull("payment_method_configuration_details");
        p.putObject("payment_method_options").putObject("card").putNull("installments").putNull("mandate_options")
                .putNull("network").put("request_three_d_secure", "automatic");
        p.putArray("payment_method_types").add("card");
        p.putNull("processing").put("receipt_email", receiptEmail).putNull("review").putNull("setup_future_usage")
                .putNull("shipping").putNull("statement_descriptor").putNull("statement_descriptor_suffix")
                .put("status", "requires_payment_method").putNull("transfer_data").putNull("transfer_group")
                .putNull("source").putNull("excluded_payment_method_types").putNull("customer_account")
                .putNull("managed_payments");
        return p;
    }

    /** A card payment attempt: succeeded when {@code declineCode} is null, else failed with it. */
    static ObjectNode charge(String id, long created, ObjectNode intent, String paymentMethod, Card card,
                             String billingName, String billingEmail, String declineCode, boolean livemode) {
        boolean failed = declineCode != null;
        long amount = intent.get("amount").asLong();
        ObjectNode c = NODES.objectNode();
        c.put("id", id).put("object", "charge").put("amount", amount).put("amount_captured", failed ? 0 : amount)
                .put("amount_refunded", 0).putNull("application").putNull("application_fee")
                .putNull("application_fee_amount").putNull("balance_transaction");
        ObjectNode billing = c.putObject("billing_details");
        ObjectNode address = billing.putObject("address");
        address.putNull("city").put("country", card.country()).putNull("line1").putNull("line2").putNull("postal_code").putNull("state");
        billing.put("email", billingEmail).put("name", billingName).putNull("phone").putNull("tax_id");
        c.put("calculated_statement_descriptor", "MEKONG SHOP").put("captured", !failed).put("created", created)
                .put("currency", intent.get("currency").asText()).set("customer", intent.get("customer"));
        c.putNull("description").put("disputed", false).putNull("failure_balance_transaction")
                .put("failure_code", failed ? "card_declined" : null)
                .put("failure_message", failed ? declineMessage(declineCode) : null);
        c.putObject("fraud_details");
        c.put("livemode", livemode).set("metadata", intent.get("metadata").deepCopy());
        c.putNull("on_behalf_of");
        ObjectNode outcome = c.putObject("outcome");
        outcome.putNull("advice_code").putNull("network_advice_code").putNull("network_decline_code")
                .put("network_status", failed ? "declined_by_network" : "approved_by_network")
                .put("reason", declineCode).put("risk_level", "normal").put("risk_score", 20)
                .put("seller_message", failed ? "The bank did not return any further details with this decline."
                        : "Payment complete.")
                .put("type", failed ? "issuer_declined" : "authorized");
        c.put("paid", !failed).put("payment_intent", intent.get("id").asText()).put("payment_method", paymentMethod);
        ObjectNode details = c.putObject("payment_method_details");
        ObjectNode cardDetails = details.putObject("card");
        cardDetails.putNull("amount_authorized").put("brand", card.brand()).putObject("checks")
                .putNull("address_line1_check").putNull("address_postal_code_check").put("cvc_check", "pass");
        cardDetails.put("country", card.country()).put("exp_month", 8).put("exp_year", 2030)
                .put("fingerprint", card.fingerprint()).put("funding", "credit").put("last4", card.last4())
                .put("network", card.brand());
        details.put("type", "card");
        c.put("receipt_email", intent.path("receipt_email").isNull() ? null : intent.get("receipt_email").asText())
                .putNull("receipt_number")
                .put("receipt_url", "https://pay.stripe.com/receipts/payment/" + id)
                .put("refunded", false);
        ObjectNode refunds = c.putObject("refunds");
        refunds.put("object", "list").putArray("data");
        refunds.put("has_more", false).put("url", "/v1/charges/" + id + "/refunds");
        c.putNull("review").putNull("shipping").putNull("source_transfer").putNull("statement_descriptor")
                .putNull("statement_descriptor_suffix").put("status", failed ? "failed" : "succeeded")
                .putNull("transfer_data").putNull("transfer_group").putNull("source");
        return c;
    }

    static ObjectNode refund(String id, long created, ObjectNode charge, long amount, String reason, boolean livemode) {
        ObjectNode r = NODES.objectNode();
        r.put("id", id).put("object", "refund").put("amount", amount).putNull("balance_transaction")
                .put("charge", charge.get("id").asText()).put("created", created)
                .put("currency", charge.get("currency").asText());
        r.putObject("destination_details").put("type", "card").putObject("card").put("reference_status", "pending")
                .put("reference_type", "acquirer_reference_number").put("type", "refund");
        r.set("metadata", NODES.objectNode());
        r.set("payment_intent", charge.get("payment_intent"));
        r.put("reason", reason).putNull("receipt_number").putNull("source_transfer_reversal").put("status", "succeeded")
                .putNull("transfer_reversal");
        r.set("customer", charge.get("customer"));
        r.putNull("customer_account").set("payment_method", charge.get("payment_method"));
        return r;
    }

    /** A balance transaction; its status is derived from {@code available_on} when it is read. */
    static ObjectNode balanceTransaction(String id, long created, long amount, long fee, String currency, String type,
                                         String source, String description, Instant availableOn) {
        ObjectNode b = NODES.objectNode();
        b.put("id", id).put("object", "balance_transaction").put("amount", amount)
                .put("available_on", availableOn.getEpochSecond()).put("created", created).put("currency", currency)
                .put("description", description).putNull("exchange_rate").put("fee", fee);
        if (fee != 0) {
            b.putArray("fee_details").addObject().put("amount", fee).putNull("application").put("currency", currency)
                    .put("description", "Stripe processing fees").put("type", "stripe_fee");
        } else {
            b.putArray("fee_details");
        }
        b.put("net", amount - fee).put("reporting_category", type.equals("charge") ? "charge" : "refund")
                .put("source", source).put("status", "pending").put("type", type).put("balance_type", "payments");
        return b;
    }

    static ObjectNode event(String id, long created, String type, ObjectNode object, ObjectNode previousAttributes,
                            String apiVersion, boolean livemode) {
        ObjectNode e = NODES.objectNode();
        e.put("id", id).put("object", "event").put("api_version", apiVersion).put("created", created);
        ObjectNode data = e.putObject("data");
        data.set("object", object.deepCopy());
        if (previousAttributes != null) {
            data.set("previous_attributes", previousAttributes);
        }
        e.put("livemode", livemode).put("pending_webhooks", 0);
        e.putObject("request").putNull("id").putNull("idempotency_key");
        e.put("type", type);
        return e;
    }

    /** Stripe's message for each decline code the seed uses (docs.stripe.com/declines/codes). */
    static String declineMessage(String declineCode) {
        return switch (declineCode) {
            case "insufficient_funds" -> "Your card has insufficient funds.";
            case "expired_card" -> "Your card has expired.";
            case "incorrect_cvc" -> "Your card's security code is incorrect.";
            default -> "Your card was declined.";
        };
    }

    record Card(String brand, String last4, String country, String fingerprint) {
    }
}
