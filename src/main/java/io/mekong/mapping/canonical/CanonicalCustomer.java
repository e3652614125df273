package io.mekong.mapping.canonical;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One customer as one source system knows it. Email keeps its original form; matching uses a normalised copy.
 * {@code fullName} is for sources that keep one name field (Stripe): they leave firstName and lastName null, while
 * sources with first and last names leave fullName null. {@code note} is the merchant's note on the customer;
 * {@code consents} are the record's marketing consent statements, at most one per channel; {@code attributes} holds
 * source fields the model has no column for (see {@link Attributes}).
 */
public record CanonicalCustomer(
        @NotBlank String externalId,
        @Email String email,
        @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "must be E.164") String phone,
        String firstName,
        String lastName,
        String fullName,
        String locale,
        String state,
        List<String> tags,
        String note,
        @Valid List<Consent> consents,
        @Valid Address defaultAddress,
        Map<String, Object> attributes,
        Instant createdAt,
        @NotNull Instant updatedAt,
        boolean deleted) implements CanonicalRecord {

    public CanonicalCustomer {
        tags = tags == null ? List.of() : List.copyOf(tags);
        consents = consents == null ? List.of() : List.copyOf(consents);
        if (consents.stream().map(Consent::channel).distinct().count() < consents.size()) {
            throw new IllegalArgumentException("consents: at most one statement per channel, got channels "
                    + consents.stream().map(Consent::channel).toList());
        }
        attributes = Attributes.of(attributes);
    }

    /** The status this record states for {@code channel}, or null when it says nothing. */
    public String consentStatus(String channel) {
        return consents.stream().filter(c -> channel.equals(c.channel())).map(Consent::status).findFirst().orElse(null);
    }
}
