package io.mekong.mapping.canonical;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.Map;

/**
 * What one source record says about a person's consent to marketing on one channel: a statement, kept with where it
 * came from and when the source says it was made.
 *
 * @param channel  {@code email} or {@code sms}
 * @param status   {@code subscribed} and {@code unsubscribed} (the person said so), {@code pending} (asked to
 *                 subscribe, confirmation outstanding), {@code not_subscribed} (no statement: the source's default, or
 *                 a state that allows no marketing such as Shopify's INVALID or REDACTED)
 * @param field    the source field that carried it, e.g. {@code emailMarketingConsent}
 * @param statedAt when the source says the statement was made; null when the source does not say
 * @param evidence the source's own words: its raw state, opt-in level, where it was collected
 */
public record Consent(
        @NotNull @Pattern(regexp = "email|sms", message = "must be email or sms") String channel,
        @NotNull @Pattern(regexp = "subscribed|unsubscribed|pending|not_subscribed",
                message = "must be subscribed, unsubscribed, pending or not_subscribed") String status,
        @NotBlank String field,
        Instant statedAt,
        Map<String, Object> evidence) {

    public Consent {
        evidence = Attributes.of(evidence);
    }
}
