package io.mekong.sandbox.shopify;

import java.time.OffsetDateTime;

/**
 * Email or SMS marketing consent; the enum values are those of the GraphQL schema. {@code consentCollectedFrom}
 * (SHOPIFY or OTHER) exists on SMS consent only; it is null for email.
 */
public record MarketingConsent(String marketingState, String marketingOptInLevel, OffsetDateTime consentUpdatedAt,
                               String consentCollectedFrom) {

    public static MarketingConsent email(String state, String optInLevel, OffsetDateTime updatedAt) {
        return new MarketingConsent(state, optInLevel, updatedAt, null);
    }
}
