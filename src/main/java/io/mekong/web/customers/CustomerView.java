package io.mekong.web.customers;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.profile.ProfileReader.Identity;
import io.mekong.profile.ProfileReader.Merge;
import io.mekong.profile.ProfileReader.Order;
import io.mekong.profile.ProfileReader.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One profile as the 360° page shows it: the API's view ({@link Profile}) read into what a template can print without
 * walking JSON: golden fields in a fixed order with their source, totals as amounts, orders with their channel.
 */
record CustomerView(long id, String name, String email, List<GoldenField> golden, Totals totals,
                    List<Identity> identities, List<ChannelOrder> orders, List<Consent> consents, List<Merge> merges) {

    /** The golden record's fields, in the order people read them; {@code customers.field.<key>} names each. */
    static final List<String> FIELDS = List.of("fullName", "firstName", "lastName", "email", "phone", "locale", "address",
            "tags");
    /** An address's parts in the order a parcel shows them. */
    private static final List<String> ADDRESS_LINE = List.of("company", "line1", "line2", "city", "province", "zip",
            "country");

    record GoldenField(String key, String value, String source) {
    }

    /** An amount in minor units of an ISO 4217 currency, as {@code @fmt.money} takes it. */
    record Money(long minor, String currency) {
    }

    record Totals(int orders, Money revenue, Money averageOrderValue, Money clv, List<String> unconverted) {
    }

    /** @param connector the system the order came from ({@code shopify}, {@code magento}...), when known */
    record ChannelOrder(String connector, String connection, String number, Instant placedAt, String status,
                        Money total) {
    }

    record Consent(String channel, String status, String source, Instant statedAt) {
    }

    static CustomerView of(Profile profile) {
        JsonNode golden = profile.golden();
        Map<String, String> connectors = new HashMap<>();
        profile.identities().forEach(i -> connectors.put(i.connection(), i.connector()));
        List<GoldenField> fields = new ArrayList<>();
        for (String key : FIELDS) {
            JsonNode value = golden.get(key);
            if (value != null && !value.isNull()) {
                fields.add(new GoldenField(key, text(value), golden.path("sources").path(key).path("connection").asText(null)));
            }
        }
        List<ChannelOrder> orders = profile.orders().stream().map(o -> order(o, connectors)).toList();
        List<Consent> consents = new ArrayList<>();
        profile.consents().fields().forEachRemaining(e -> consents.add(new Consent(e.getKey(),
                e.getValue().path("status").asText(), e.getValue().path("source").path("connection").asText(null),
                instant(e.getValue().get("statedAt")))));
        return new CustomerView(profile.id(), golden.path("fullName").asText(null), golden.path("email").asText(null),
                fields, totals(profile.totals()), profile.identities(), orders, consents, profile.merges());
    }

    private static ChannelOrder order(Order order, Map<String, String> connectors) {
        return new ChannelOrder(connectors.get(order.connection()), order.connection(),
                order.orderNumber() != null ? order.orderNumber() : order.externalId(), order.placedAt(), order.status(),
                new Money(order.totalMinor(), order.currency()));
    }

    private static Totals totals(JsonNode totals) {
        List<String> unconverted = new ArrayList<>();
        totals.path("revenue").path("unconverted").forEach(c -> unconverted.add(c.asText()));
        return new Totals(totals.path("orders").asInt(0), money(totals.get("revenue")),
                money(totals.get("averageOrderValue")), money(totals.get("clv")), unconverted);
    }

    private static Money money(JsonNode amount) {
        return amount == null || amount.isNull() ? null
                : new Money(amount.path("amountMinor").asLong(), amount.path("currency").asText());
    }

    /**
     * An address or tags read as one line. An address reads as it is written on a parcel, street first; the name and
     * phone it also holds are fields of their own above it, and a province named as its city (Đà Nẵng, Đà Nẵng) once.
     */
    private static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        List<String> parts = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> parts.add(v.asText()));
        } else {
            for (String part : ADDRESS_LINE) {
                String text = value.path(part).asText("");
                if (part.equals("country") && text.isBlank()) {
                    text = value.path("countryCode").asText("");
                }
                if (!text.isBlank() && !parts.contains(text)) {
                    parts.add(text);
                }
            }
        }
        return String.join(", ", parts);
    }

    private static Instant instant(JsonNode at) {
        return at == null || at.isNull() ? null : Instant.parse(at.asText());
    }
}
