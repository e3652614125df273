package io.mekong.sandbox.shopify;

/** A key and value a checkout attached to an order (GraphQL {@code Attribute}, REST {@code note_attributes}). */
public record Attribute(String key, String value) {
}
