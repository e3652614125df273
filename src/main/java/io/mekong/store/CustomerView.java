package io.mekong.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A stored source customer record as the API shows it. */
public record CustomerView(String connection, String externalId, String workspace, String email, String emailNormalized,
                           String phone, String firstName, String lastName, String fullName, String locale, String state,
                           List<String> tags, String note, String emailConsent, String smsConsent,
                           JsonNode defaultAddress, JsonNode attributes, Instant sourceCreatedAt, Instant sourceUpdatedAt, boolean deleted, Orders orders) {

    public CustomerView withConnection(String name) {
        return new CustomerView(name, externalId, workspace, email, emailNormalized, phone, firstName, lastName, fullName,
                locale, state, tags, note, emailConsent, smsConsent, defaultAddress, attributes, sourceCreatedAt, sourceUpdatedAt,
                deleted, orders);
    }

    /** Orders of this customer in the same connection, totalled per currency. */
    public record Orders(int count, List<Total> totals) {
    }

    public record Total(String currency, long totalMinor, String total) {
    }
}
