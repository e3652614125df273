package io.mekong.testing;

import io.mekong.sandbox.SandboxSecrets;
import io.mekong.sandbox.lazada.LazadaSeller;
import io.mekong.sandbox.shopee.ShopeeShop;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The token pairs the tests' connections hold for the shared context's Shopee shop and Lazada seller, which start
 * with random ones of their own. Each simulator is authorised once: authorising again would void the pair (and any
 * renewal of it) that connections of earlier tests still hold, and their webhooks wait in the same inbox.
 */
public final class MarketplaceAuthorisations {

    public static final String SHOPEE_ACCESS_TOKEN = SandboxSecrets.random("");
    public static final String SHOPEE_REFRESH_TOKEN = SandboxSecrets.random("");
    public static final String LAZADA_ACCESS_TOKEN = SandboxSecrets.random("");
    public static final String LAZADA_REFRESH_TOKEN = SandboxSecrets.random("");

    private static final Set<Object> AUTHORISED = Collections.newSetFromMap(new IdentityHashMap<>());

    private MarketplaceAuthorisations() {
    }

    public static synchronized void shopee(ShopeeShop shop) {
        if (AUTHORISED.add(shop)) {
            shop.authorise(SHOPEE_ACCESS_TOKEN, SHOPEE_REFRESH_TOKEN);
        }
    }

    /** The seller authorises {@code app} (whose secret the caller chose) the first time only. */
    public static synchronized void lazada(LazadaSeller seller, LazadaSeller.App app) {
        if (AUTHORISED.add(seller)) {
            seller.authorise(app, LAZADA_ACCESS_TOKEN, LAZADA_REFRESH_TOKEN);
        }
    }
}
