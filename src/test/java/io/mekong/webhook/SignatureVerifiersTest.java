package io.mekong.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.connector.FakeTime;
import io.mekong.connector.spec.WebhookSpec.Signature;
import io.mekong.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answers computed independently (Python's hmac over the same bytes) for each vendor's scheme, and the ways a
 * delivery is refused: forged, missing, malformed, stale.
 */
class SignatureVerifiersTest {

    private static WebhookRequest request(byte[] body, Map<String, String> headers) {
        return new WebhookRequest(body, headers, "https://hub.example.vn/webhooks/shopee/shopee-vn");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shopifySignsTheRawBodyInBase64() throws IOException {
        byte[] body = Files.readAllBytes(Fixtures.vendor("shopify").resolve("compliance/customers_redact.json"));
        SignatureVerifier verifier = Verifiers.of(new Signature.ShopifyHmac("shpss_test_secret"), secret -> secret, new FakeTime());

        assertThat(verifier.problem(request(body, Map.of("x-shopify-hmac-sha256", "5+ygb3PBOHJfVXuyA2g0ibWiUdroBRfdtONaXdxfYkY="))))
                .as("header names are case-insensitive").isNull();
        assertThat(verifier.problem(request(body, Map.of()))).isEqualTo("no X-Shopify-Hmac-Sha256 header");
        assertThat(verifier.problem(request(body, Map.of("X-Shopify-Hmac-Sha256", "not base64!"))))
                .isEqualTo("X-Shopify-Hmac-Sha256 does not match the body");
        byte[] tampered = body.clone();
        tampered[tampered.length / 2] ^= 1;
        assertThat(verifier.problem(request(tampered, Map.of("X-Shopify-Hmac-Sha256", "5+ygb3PBOHJfVXuyA2g0ibWiUdroBRfdtONaXdxfYkY="))))
                .isNotNull();
    }

    @Test
    void stripeAcceptsAnyV1WithinTheToleranceAndRefusesStaleOnes() {
        byte[] body = bytes("{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"customer.updated\"}");
        String valid = "42ab2d5a50afce1a35ced87fc92062c4a9bbf31087f866d78f5e19479af53b3b";
        FakeTime time = new FakeTime(); // 2025-06-01T00:00:00Z
        StripeSignatureVerifier verifier = new StripeSignatureVerifier("whsec_test_secret",
                StripeSignatureVerifier.DEFAULT_TOLERANCE, time);
        long t = 1_735_689_600L; // the signed timestamp
        time.sleep(Duration.ofSeconds(t - time.instant().getEpochSecond() + 299));

        assertThat(verifier.problem(request(body, Map.of("Stripe-Signature", "t=" + t + ",v1=" + "0".repeat(64) + ",v1=" + valid + ",v0=abc"))))
                .as("a rolled secret's signature beside the valid one").isNull();
        assertThat(verifier.problem(request(body, Map.of("Stripe-Signature", "t=" + t + ",v1=" + "0".repeat(64)))))
                .isEqualTo("no v1 signature in Stripe-Signature matches the body");
        assertThat(verifier.problem(request(body, Map.of("Stripe-Signature", "v1=" + valid)))).isEqualTo("Stripe-Signature lacks t= or v1=");
        time.sleep(Duration.ofSeconds(2));
        assertThat(verifier.problem(request(body, Map.of("Stripe-Signature", "t=" + t + ",v1=" + valid))))
                .isEqualTo("Stripe-Signature timestamp is 301 s from now, outside the 300 s tolerance");
    }

    @Test
    void shopeeSignsTheCallbackUrlAndBodyInLowercaseHex() {
        byte[] body = bytes("{\"data\":{\"ordersn\":\"2412250ABCDEF\",\"status\":\"READY_TO_SHIP\",\"update_time\":1735689600},"
                + "\"shop_id\":880011,\"code\":3,\"timestamp\":1735689600}");
        ShopeePushVerifier verifier = new ShopeePushVerifier("shopee-partner-key");
        String signature = "f5d26df8993d083fc95c123766cf0e7229c015b4b471f02f3d8674fde47a4d20";

        assertThat(verifier.problem(request(body, Map.of("Authorization", signature)))).isNull();
        assertThat(verifier.problem(new WebhookRequest(body, Map.of("Authorization", signature),
                "https://elsewhere.example.vn/webhooks/shopee/shopee-vn"))).as("the URL is part of what is signed").isNotNull();
        assertThat(verifier.problem(request(body, Map.of()))).isEqualTo("no Authorization header");
    }

    @Test
    void lazadaSignsTheAppKeyAndBody() throws IOException {
        byte[] body = Files.readAllBytes(Fixtures.vendor("lazada").resolve("push_trade_order.json"));
        LazadaPushVerifier verifier = new LazadaPushVerifier("123456", "lazada-app-secret");
        String signature = "290f0b0e8866a46684b23ca643b2266b4a6591e347b8b9d6ad51dc65c6d40b00";

        assertThat(verifier.problem(request(body, Map.of("Authorization", signature)))).isNull();
        assertThat(verifier.problem(request(body, Map.of("Authorization", signature.toUpperCase())))).as("hex case").isNull();
        assertThat(new LazadaPushVerifier("654321", "lazada-app-secret").problem(request(body, Map.of("Authorization", signature))))
                .isNotNull();
        assertThat(verifier.problem(request(body, Map.of("Authorization", "zz")))).isNotNull();
    }

    private static final byte[] ORDER = bytes("{\"id\":727,\"status\":\"processing\",\"total\":\"21.50\"}");

    private static SignatureVerifier hmac(Signature.Hmac scheme, FakeTime time) {
        return Verifiers.of(scheme, template -> template.equals("{{secrets.webhookSecret}}") ? "wc_secret" : template, time);
    }

    @Test
    void hmacVerifiesABase64SignatureOfTheRawBody() {
        SignatureVerifier verifier = hmac(new Signature.Hmac("X-WC-Webhook-Signature", "sha256", "base64", null,
                "{{secrets.webhookSecret}}", null, null, null), new FakeTime());
        String valid = "IH8t8odytj843q+zVqjMph+xoVMhh18MzdH/jRl4n6A=";

        assertThat(verifier.problem(request(ORDER, Map.of("x-wc-webhook-signature", valid)))).isNull();
        assertThat(verifier.problem(request(ORDER, Map.of("X-WC-Webhook-Signature", "JH8t8odytj843q+zVqjMph+xoVMhh18MzdH/jRl4n6A="))))
                .isEqualTo("X-WC-Webhook-Signature does not match the body");
        byte[] tampered = ORDER.clone();
        tampered[5] ^= 1;
        assertThat(verifier.problem(request(tampered, Map.of("X-WC-Webhook-Signature", valid)))).isEqualTo("X-WC-Webhook-Signature does not match the body");
        assertThat(verifier.problem(request(ORDER, Map.of()))).isEqualTo("no X-WC-Webhook-Signature header");
    }

    @Test
    void hmacVerifiesAPrefixedHexSignatureWithTheNamedAlgorithm() {
        SignatureVerifier sha256 = Verifiers.of(new Signature.Hmac("X-Hub-Signature-256", null, "hex", "sha256=", "gh_secret",
                null, null, null), secret -> secret, new FakeTime());
        String valid = "359388c8abc2134ee6527f80bc36076aac728582e6e76656505ec29663f3793c";

        assertThat(sha256.problem(request(ORDER, Map.of("X-Hub-Signature-256", "sha256=" + valid)))).isNull();
        assertThat(sha256.problem(request(ORDER, Map.of("X-Hub-Signature-256", "sha256=" + valid.toUpperCase())))).as("hex case").isNull();
        assertThat(sha256.problem(request(ORDER, Map.of("X-Hub-Signature-256", valid)))).isEqualTo("X-Hub-Signature-256 does not start with 'sha256='");
        assertThat(sha256.problem(request(ORDER, Map.of("X-Hub-Signature-256", "sha256=zz")))).isEqualTo("X-Hub-Signature-256 does not match the body");
        SignatureVerifier sha1 = Verifiers.of(new Signature.Hmac("X-Signature", "sha1", "hex", null, "sha1_secret",
                null, null, null), secret -> secret, new FakeTime());
        assertThat(sha1.problem(request(ORDER, Map.of("X-Signature", "6296c45cc033b85e00aa1bdb740fd70348c525e0")))).isNull();
    }

    @Test
    void hmacSignsATimestampedPayloadAndRefusesItOutsideTheTolerance() {
        FakeTime time = new FakeTime(); // 2025-06-01T00:00:00Z, unix 1748736000
        SignatureVerifier verifier = Verifiers.of(new Signature.Hmac("X-Signature", "sha512", "hex", null, "ts_secret",
                "{timestamp}.{body}", "X-Timestamp", Duration.ofMinutes(5)), secret -> secret, time);
        Map<String, String> headers = Map.of("X-Signature", "c6c353a664bca080ad871936fc5205d94709dce2e4831369656656cc01a4269a"
                + "8f0c01531057932b4661d76ba6379673e751d6f25ea33a5c97b5f5a420d3e6c0", "X-Timestamp", "1748736000");

        time.sleep(Duration.ofSeconds(300));
        assertThat(verifier.problem(request(ORDER, headers))).as("at the edge of the tolerance").isNull();
        assertThat(verifier.problem(request(ORDER, Map.of("X-Signature", headers.get("X-Signature"), "X-Timestamp", "1748736001"))))
                .as("the timestamp is signed").isEqualTo("X-Signature does not match the body");
        assertThat(verifier.problem(request(ORDER, Map.of("X-Signature", headers.get("X-Signature")))))
                .isEqualTo("no X-Timestamp header");
        assertThat(verifier.problem(request(ORDER, Map.of("X-Signature", headers.get("X-Signature"), "X-Timestamp", "yesterday"))))
                .isEqualTo("X-Timestamp is neither unix seconds nor an ISO-8601 instant");
        time.sleep(Duration.ofSeconds(1));
        assertThat(verifier.problem(request(ORDER, headers))).isEqualTo("X-Timestamp is 301 s from now, outside the 300 s tolerance");
    }
}
