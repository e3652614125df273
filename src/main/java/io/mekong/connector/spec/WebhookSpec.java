package io.mekong.connector.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code webhooks} block: how deliveries to {@code POST /webhooks/<connector>/<connection>} are verified, named
 * and deduplicated.
 *
 * @param signature how the sender signs the raw body
 * @param topic     where the topic is: a header or a body field
 * @param eventId   where the sender's event id is (the dedupe key); absent: the hash of the body
 * @param topics    topic → what its deliveries are and how they reach the store (topics not listed are recorded and
 *                  not processed)
 */
public record WebhookSpec(Signature signature, Locator topic, Locator eventId, Map<String, TopicSpec> topics) {

    public WebhookSpec {
        SpecProblem.require(signature, "signature");
        SpecProblem.require(topic, "topic");
        topics = OrderedMaps.copy(topics);
    }

    /** A value in a header or in the body (JSON Pointer), e.g. {@code {header: X-Shopify-Topic}} or {@code {field: /type}}. */
    public record Locator(String header, String field) {
        public Locator {
            if ((header == null) == (field == null)) {
                throw new SpecProblem(header == null ? "header" : "field", "give exactly one of header and field");
            }
            field = field == null ? null : Pointers.check(field, "field");
        }
    }

    /** Signature schemes; secrets are templates such as {@code {{secrets.webhookSecret}}}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Signature.ShopifyHmac.class, name = "shopifyHmac"),
            @JsonSubTypes.Type(value = Signature.Stripe.class, name = "stripe"),
            @JsonSubTypes.Type(value = Signature.ShopeePush.class, name = "shopeePush"),
            @JsonSubTypes.Type(value = Signature.LazadaPush.class, name = "lazadaPush")})
    public sealed interface Signature {

        Map<String, String> templates();

        /** {@code X-Shopify-Hmac-Sha256}: base64 HMAC-SHA256 of the body with the app's secret. */
        record ShopifyHmac(String secret) implements Signature {
            public ShopifyHmac {
                SpecProblem.require(secret, "secret");
            }

            @Override
            public Map<String, String> templates() {
                return Map.of("secret", secret);
            }
        }

        /** {@code Stripe-Signature}: t and v1 (hex HMAC-SHA256 of "t.body"), within {@code tolerance} (300 s). */
        record Stripe(String secret, Duration tolerance) implements Signature {
            public Stripe {
                SpecProblem.require(secret, "secret");
                tolerance = tolerance == null ? Duration.ofSeconds(300) : tolerance;
            }

            @Override
            public Map<String, String> templates() {
                return Map.of("secret", secret);
            }
        }

        /** Shopee push: {@code Authorization} = hex HMAC-SHA256(partner key, callback URL + "|" + body). */
        record ShopeePush(String partnerKey, String callbackUrl) implements Signature {
            public ShopeePush {
                SpecProblem.require(partnerKey, "partnerKey");
                SpecProblem.require(callbackUrl, "callbackUrl");
            }

            @Override
            public Map<String, String> templates() {
                return Map.of("partnerKey", partnerKey, "callbackUrl", callbackUrl);
            }
        }

        /** Lazada push: {@code Authorization} = hex HMAC-SHA256(app secret, app key + body). */
        record LazadaPush(String appKey, String appSecret) implements Signature {
            public LazadaPush {
                SpecProblem.require(appKey, "appKey");
                SpecProblem.require(appSecret, "appSecret");
            }

            @Override
            public Map<String, String> templates() {
                return Map.of("appKey", appKey, "appSecret", appSecret);
            }
        }
    }
}
