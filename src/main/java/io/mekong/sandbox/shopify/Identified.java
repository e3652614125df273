package io.mekong.sandbox.shopify;

/** A Shopify resource with a numeric id (the legacyResourceId; the GID is derived from it). */
public interface Identified {

    long id();
}
