package io.mekong.sandbox.stripe;

/** A simulated Stripe account's secret key (random at each start), for tests of other packages that connect to it. */
public final class StripeTestKeys {

    private StripeTestKeys() {
    }

    public static String secretKey(StripeAccount account) {
        return account.keys().keySet().iterator().next();
    }
}
