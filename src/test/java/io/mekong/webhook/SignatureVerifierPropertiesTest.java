package io.mekong.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.spec.WebhookSpec.Signature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * Properties of every signature scheme the hub verifies, over random bodies, secrets and timestamps, each signed by
 * an independent HMAC (commons-codec, not the hub's): a correct signature verifies; any single flipped bit of the body
 * or of the signature is refused; any malformed header (empty, wrongly encoded, huge, odd Unicode, Stripe's parts
 * missing, doubled or garbage) is refused with a reason, never an exception.
 */
class SignatureVerifierPropertiesTest {

    private static final long NOW = 1_748_736_000L; // 2025-06-01T00:00:00Z
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final int TOLERANCE = 300;
    private static final String URL = "https://hub.example.vn/webhooks/shopee/shopee-vn";
    private static final String LAZADA_APP_KEY = "123456";
    private static final String SECRET_TEMPLATE = "{{secrets.webhookSecret}}";

    /** A scheme as its sender signs: which bytes, which digest, how the signature and timestamp are sent. */
    enum Scheme {
        SHOPIFY(HmacAlgorithms.HMAC_SHA_256, "X-Shopify-Hmac-Sha256", null) {
            Signature signature(String secret) {
                return new Signature.ShopifyHmac(secret);
            }
        },
        HMAC_PREFIXED_HEX_SHA1(HmacAlgorithms.HMAC_SHA_1, "X-Hub-Signature", null) {
            Signature signature(String secret) {
                return new Signature.Hmac(header, "sha1", "hex", "sha1=", secret, null, null, null);
            }

            String encode(byte[] mac) {
                return "sha1=" + HexFormat.of().formatHex(mac);
            }
        },
        HMAC_TIMESTAMPED_SHA512(HmacAlgorithms.HMAC_SHA_512, "X-Signature", "X-Timestamp") {
            Signature signature(String secret) {
                return new Signature.Hmac(header, "sha512", "hex", null, secret, "{timestamp}.{body}", timestampHeader,
                        Duration.ofSeconds(TOLERANCE));
            }

            byte[] signed(byte[] body, long timestamp) {
                return concat((timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
            }

            String encode(byte[] mac) {
                return HexFormat.of().formatHex(mac);
            }
        },
        STRIPE(HmacAlgorithms.HMAC_SHA_256, "Stripe-Signature", null) {
            Signature signature(String secret) {
                return new Signature.Stripe(secret, Duration.ofSeconds(TOLERANCE));
            }

            byte[] signed(byte[] body, long timestamp) {
                return concat((timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
            }

            Map<String, String> headers(String signature, long timestamp) {
                return Map.of(header, "t=" + timestamp + ",v1=" + signature);
            }

            String encode(byte[] mac) {
                return HexFormat.of().formatHex(mac);
            }
        },
        SHOPEE(HmacAlgorithms.HMAC_SHA_256, "Authorization", null) {
            Signature signature(String secret) {
                return new Signature.ShopeePush(secret, URL);
            }

            byte[] signed(byte[] body, long timestamp) {
                return concat((URL + "|").getBytes(StandardCharsets.UTF_8), body);
            }

            String encode(byte[] mac) {
                return HexFormat.of().formatHex(mac);
            }
        },
        LAZADA(HmacAlgorithms.HMAC_SHA_256, "Authorization", null) {
            Signature signature(String secret) {
                return new Signature.LazadaPush(LAZADA_APP_KEY, secret);
            }

            byte[] signed(byte[] body, long timestamp) {
                return concat(LAZADA_APP_KEY.getBytes(StandardCharsets.UTF_8), body);
            }

            String encode(byte[] mac) {
                return HexFormat.of().formatHex(mac);
            }
        };

        final HmacAlgorithms algorithm;
        final String header;
        final String timestampHeader;

        Scheme(HmacAlgorithms algorithm, String header, String timestampHeader) {
            this.algorithm = algorithm;
            this.header = header;
            this.timestampHeader = timestampHeader;
        }

        abstract Signature signature(String secret);

        /** The bytes the sender signs; the raw body by default. */
        byte[] signed(byte[] body, long timestamp) {
            return body;
        }

        /** How the signature is written in its header; base64 by default. */
        String encode(byte[] mac) {
            return Base64.getEncoder().encodeToString(mac);
        }

        Map<String, String> headers(String signature, long timestamp) {
            Map<String, String> headers = new HashMap<>(Map.of(header, signature));
            if (timestampHeader != null) {
                headers.put(timestampHeader, Long.toString(timestamp));
            }
            return headers;
        }

        byte[] mac(String secret, byte[] body, long timestamp) {
            return new HmacUtils(algorithm, secret.getBytes(StandardCharsets.UTF_8)).hmac(signed(body, timestamp));
        }

        /** Built as the hub builds it: the spec names a template, the connection's secret fills it in. */
        SignatureVerifier verifier(String secret) {
            return Verifiers.of(signature(SECRET_TEMPLATE), template -> template.equals(SECRET_TEMPLATE) ? secret : template,
                    CLOCK);
        }
    }

    @Property
    void aCorrectSignatureVerifies(@ForAll Scheme scheme, @ForAll @Size(max = 4096) byte[] body,
                                   @ForAll("secrets") String secret,
                                   @ForAll @IntRange(min = -TOLERANCE, max = TOLERANCE) int skew) {
        long timestamp = NOW + skew;
        String signature = scheme.encode(scheme.mac(secret, body, timestamp));

        assertThat(scheme.verifier(secret).problem(request(body, scheme.headers(signature, timestamp)))).isNull();
    }

    @Property
    void anyFlippedBitOfTheBodyIsRefused(@ForAll Scheme scheme, @ForAll @Size(min = 1, max = 4096) byte[] body,
                                         @ForAll("secrets") String secret, @ForAll @IntRange(min = 0) int bit) {
        String signature = scheme.encode(scheme.mac(secret, body, NOW));
        byte[] changed = flip(body, bit);

        assertThat(scheme.verifier(secret).problem(request(changed, scheme.headers(signature, NOW)))).isNotNull();
    }

    @Property
    void anyFlippedBitOfTheSignatureIsRefused(@ForAll Scheme scheme, @ForAll @Size(max = 4096) byte[] body,
                                              @ForAll("secrets") String secret, @ForAll @IntRange(min = 0) int bit) {
        String signature = scheme.encode(flip(scheme.mac(secret, body, NOW), bit));

        assertThat(scheme.verifier(secret).problem(request(body, scheme.headers(signature, NOW)))).isNotNull();
    }

    @Property
    void aSignatureWithAnotherSecretIsRefused(@ForAll Scheme scheme, @ForAll @Size(max = 1024) byte[] body,
                                              @ForAll("secrets") String secret, @ForAll("secrets") String other) {
        Assume.that(!secret.equals(other));
        String signature = scheme.encode(scheme.mac(other, body, NOW));

        assertThat(scheme.verifier(secret).problem(request(body, scheme.headers(signature, NOW)))).isNotNull();
    }

    /** Each header the scheme reads, replaced by garbage while the others stay valid. */
    @Property
    void aMalformedHeaderIsRefusedWithAReasonNeverAnException(@ForAll Scheme scheme, @ForAll @Size(max = 256) byte[] body,
                                                               @ForAll("secrets") String secret, @ForAll("garbage") String garbage,
                                                               @ForAll boolean inTimestamp) {
        Map<String, String> headers = new HashMap<>(scheme.headers(scheme.encode(scheme.mac(secret, body, NOW)), NOW));
        headers.put(inTimestamp && scheme.timestampHeader != null ? scheme.timestampHeader : scheme.header, garbage);

        String problem = scheme.verifier(secret).problem(request(body, headers));

        assertThat(problem).isNotBlank();
    }

    @Property
    void aStripeHeaderWithMissingDoubledOrGarbagePartsIsRefusedNeverThrown(@ForAll @Size(max = 256) byte[] body,
                                                                          @ForAll("secrets") String secret,
                                                                          @ForAll("stripeParts") List<String> parts) {
        String problem = Scheme.STRIPE.verifier(secret).problem(request(body, Map.of("Stripe-Signature", String.join(",", parts))));

        assertThat(problem).isNotBlank();
    }

    @Property(tries = 200)
    void aValidStripeSignatureAmongGarbagePartsStillVerifies(@ForAll @Size(max = 256) byte[] body,
                                                              @ForAll("secrets") String secret,
                                                              @ForAll("stripeParts") List<String> parts,
                                                              @ForAll @IntRange(min = 0, max = 20) int at) {
        String valid = "v1=" + Scheme.STRIPE.encode(Scheme.STRIPE.mac(secret, body, NOW));
        List<String> all = new ArrayList<>(parts.stream().filter(p -> !p.trim().startsWith("t=")).toList());
        all.add(Math.min(at, all.size()), valid);
        all.add("t=" + NOW); // Stripe's libraries take the last t, as the hub does

        assertThat(Scheme.STRIPE.verifier(secret).problem(request(body, Map.of("Stripe-Signature", String.join(",", all)))))
                .isNull();
    }

    @Example
    void anEmptySecretVerifiesNothing() {
        for (Scheme scheme : Scheme.values()) {
            assertThatThrownBy(() -> scheme.verifier("")).as(scheme.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        }
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(80),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(64).map(s -> "whsec_" + s));
    }

    /** Empty, blank, wrongly encoded, huge, numeric extremes, ISO-ish dates and any Unicode, NUL included. */
    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "\t", "=", "==", ",", "sha1=", "t=", "v1=", "\u0000", "-1", "0",
                        "99999999999999999999999999", "-9223372036854775808", "+1000000000-12-31T23:59:59Z",
                        "2025-06-01T00:00:00+99:99", "NaN", "🦀🦀🦀", "\ud800", "ｔ=１"),
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMaxLength(300),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_").ofMaxLength(300),
                Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(40),
                Arbitraries.integers().between(10_000, 200_000).map("a"::repeat));
    }

    @Provide
    Arbitrary<List<String>> stripeParts() {
        Arbitrary<String> part = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789").ofMaxLength(20).map(t -> "t=" + t),
                Arbitraries.of("t=" + NOW, "t=" + (NOW - 10_000), "t=", "t", "=", "", " ", "t==1", "v1", "v1=", "v0=abc"),
                Arbitraries.strings().withChars("0123456789abcdef").ofMaxLength(130).map(s -> "v1=" + s),
                garbage().map(g -> "v1=" + g),
                garbage());
        return part.list().ofMaxSize(12);
    }

    private static WebhookRequest request(byte[] body, Map<String, String> headers) {
        return new WebhookRequest(body, headers, URL);
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        int at = bit % (copy.length * 8);
        copy[at / 8] ^= (byte) (1 << (at % 8));
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
