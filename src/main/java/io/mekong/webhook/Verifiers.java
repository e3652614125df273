package io.mekong.webhook;

import io.mekong.connector.spec.WebhookSpec.Signature;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** Builds the verifier a {@code webhooks.signature} block declares, its secrets rendered for one connection. */
final class Verifiers {

    private Verifiers() {
    }

    /** @throws IllegalArgumentException when a secret renders empty: a key anyone can guess verifies nothing */
    static SignatureVerifier of(Signature signature, UnaryOperator<String> render, Clock clock) {
        UnaryOperator<String> secret = template -> {
            String value = render.apply(template);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("the webhook secret " + template + " is empty");
            }
            return value;
        };
        if (signature instanceof Signature.ShopifyHmac s) {
            return new HmacSignatureVerifier(s.asHmac(), secret.apply(s.secret()), clock);
        }
        if (signature instanceof Signature.Hmac h) {
            return new HmacSignatureVerifier(h, secret.apply(h.secret()), clock);
        }
        if (signature instanceof Signature.Stripe s) {
            return new StripeSignatureVerifier(secret.apply(s.secret()), s.tolerance(), clock);
        }
        if (signature instanceof Signature.ShopeePush s) {
            return new ShopeePushVerifier(secret.apply(s.partnerKey()));
        }
        Signature.LazadaPush l = (Signature.LazadaPush) signature;
        return new LazadaPushVerifier(render.apply(l.appKey()), secret.apply(l.appSecret()));
    }

    /** The URL the sender signs with the body, where the scheme has one (Shopee). */
    static String signedUrl(Signature signature, UnaryOperator<String> render) {
        return signature instanceof Signature.ShopeePush s ? render.apply(s.callbackUrl()) : null;
    }
}
