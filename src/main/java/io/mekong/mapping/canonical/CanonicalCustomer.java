package io.mekong.mapping.canonical;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;

/** One customer as one source system knows it. Email keeps its original form; matching uses a normalised copy. */
public record CanonicalCustomer(
        @NotBlank String externalId,
        @Email String email,
        @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "must be E.164") String phone,
        String firstName,
        String lastName,
        String locale,
        String state,
        List<String> tags,
        String emailConsent,
        String smsConsent,
        @Valid Address defaultAddress,
        Instant createdAt,
        @NotNull Instant updatedAt,
        boolean deleted) implements CanonicalRecord {

    public CanonicalCustomer {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
