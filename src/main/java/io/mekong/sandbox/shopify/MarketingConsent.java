package io.mekong.sandbox.shopify;

import java.time.OffsetDateTime;

/** Email or SMS marketing consent; the enum values are those of the GraphQL schema. */
public record MarketingConsent(String marketingState, String marketingOptInLevel, OffsetDateTime consentUpdatedAt) {
}
