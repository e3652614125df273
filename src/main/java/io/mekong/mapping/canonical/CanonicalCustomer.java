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
 * {@code note} is the merchant's note on the customer; {@code attributes} holds source fields the model has no column
 * for (see {@link Attributes}).
 */
public record CanonicalCustomer(
        @NotBlank String externalId,
        @Email String email,
        @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "must be E.164") String phone,
        String firstName,
        String lastName,
        String locale,
        String state,
        List<String> tags,
        String note,
        String emailConsent,
        String smsConsent,
        @Valid Address defaultAddress,
        Map<String, Object> attributes,
        Instant createdAt,
        @NotNull Instant updatedAt,
        boolean deleted) implements CanonicalRecord {

    public CanonicalCustomer {
        tags = tags == null ? List.of() : List.copyOf(tags);
        attributes = Attributes.of(attributes);
    }
}
