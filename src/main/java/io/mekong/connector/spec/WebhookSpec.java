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
 * @param eventId      where the sender's event id is (the dedupe key); absent: the hash of the body
 * @param dedupeOnBody with {@code eventId}: a body already received within {@code mekong.webhooks.replay-window} is a
 *                     duplicate too, whatever its event id. For senders whose signature covers the body but not the
 *                     event id (Shopify): a captured body resent with a new id is not processed again
 * @param topics       topic → what its deliveries are and how they reach the store (topics not listed are recorded and
 *                     not processed)
 */
public record WebhookSpec(Signature signature, Locator topic, Locator eventId, Boolean dedupeOnBody,
                          Map<String, TopicSpec> topics) {

    public WebhookSpec {
        SpecProblem.require(signature, "signature");
        SpecProblem.require(topic, "topic");
        dedupeOnBody = Boolean.TRUE.equals(dedupeOnBody);
        if (dedupeOnBody && eventId == null) {
            throw new SpecProblem("dedupeOnBody", "is for senders with an eventId: without one the body's hash is"
                    + " already the dedupe key");
        }
        topics = OrderedMaps.copy(topics);
        if (topic.header() != null) {
            topics.forEach((name, t) -> {
                if (t.delete() != null && !t.delete().confirmed()) {
                    throw new SpecProblem("topics." + name + ".delete.stream", "is required: the topic comes from header "
                            + topic.header() + ", which the signature does not cover, so a captured body resent as "
                            + name + " could bury a live record. Name the stream whose lookup confirms the deletion");
                }
            });
        }
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
            @JsonSubTypes.Type(value = Signature.LazadaPush.class, name = "lazadaPush"),
            @JsonSubTypes.Type(value = Signature.Hmac.class, name = "hmac")})
    public sealed interface Signature {

        Map<String, String> templates();

        /** {@code X-Shopify-Hmac-Sha256}: base64 HMAC-SHA256 of the body with the app's secret. */
        record ShopifyHmac(String secret) implements Signature {
            public ShopifyHmac {
                SpecProblem.require(secret, "secret");
            }

            /** Shopify's scheme is a plain HMAC of the body; the generic one verifies it. */
            public Hmac asHmac() {
                return new Hmac("X-Shopify-Hmac-Sha256", "sha256", "base64", null, secret, null, null, null);
            }

            @Override
            public Map<String, String> templates() {
                return Map.of("secret", secret);
            }
        }

        /**
         * Any sender that puts an HMAC of the raw body (optionally with a timestamp) in one header: base64 SHA-256 in a
         * vendor header (see the specs in connectors/), GitHub ({@code X-Hub-Signature-256}, {@code sha256=} hex), ...
         *
         * @param header          the header carrying the signature
         * @param algorithm       {@code sha1}, {@code sha256} (default) or {@code sha512}
         * @param encoding        {@code base64} (default) or {@code hex} (either case)
         * @param prefix          text before the signature in the header, e.g. {@code sha256=} (default none)
         * @param signedPayload   what is signed: {@code {body}} (default), or a template of {@code {body}} and
         *                        {@code {timestamp}}, e.g. {@code {timestamp}.{body}}
         * @param timestampHeader the header carrying the timestamp (unix seconds or ISO-8601), when it is signed
         * @param tolerance       how far from now the timestamp may be (default 5m)
         */
        record Hmac(String header, String algorithm, String encoding, String prefix, String secret,
                    String signedPayload, String timestampHeader, Duration tolerance) implements Signature {

            public static final String BODY = "{body}";
            public static final String TIMESTAMP = "{timestamp}";

            public Hmac {
                SpecProblem.require(header, "header");
                SpecProblem.require(secret, "secret");
                algorithm = algorithm == null ? "sha256" : algorithm;
                if (!io.mekong.connector.auth.Hmac.ALGORITHMS.containsKey(algorithm)) {
                    throw new SpecProblem("algorithm", "must be sha1, sha256 or sha512 (was '" + algorithm + "')");
                }
                encoding = encoding == null ? "base64" : encoding;
                if (!encoding.equals("base64") && !encoding.equals("hex")) {
                    throw new SpecProblem("encoding", "must be base64 or hex (was '" + encoding + "')");
                }
                prefix = prefix == null ? "" : prefix;
                signedPayload = signedPayload == null ? BODY : signedPayload;
                if (!signedPayload.contains(BODY)) {
                    throw new SpecProblem("signedPayload", "must contain {body} (was '" + signedPayload + "')");
                }
                String unknown = signedPayload.replace(BODY, "").replace(TIMESTAMP, "");
                if (unknown.matches("(?s).*\\{[A-Za-z_]+}.*")) {
                    throw new SpecProblem("signedPayload", "knows only {body} and {timestamp} (was '" + signedPayload + "')");
                }
                boolean timestamped = signedPayload.contains(TIMESTAMP);
                if (timestamped && timestampHeader == null) {
                    throw new SpecProblem("timestampHeader", "is required: signedPayload uses {timestamp}");
                }
                if (!timestamped && (timestampHeader != null || tolerance != null)) {
                    throw new SpecProblem(timestampHeader != null ? "timestampHeader" : "tolerance",
                            "is only for a signedPayload that uses {timestamp}: an unsigned timestamp proves nothing");
                }
                tolerance = timestamped && tolerance == null ? Duration.ofMinutes(5) : tolerance;
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
