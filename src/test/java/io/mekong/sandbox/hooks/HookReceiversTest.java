package io.mekong.sandbox.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.FakeTime;
import io.mekong.sandbox.targets.TargetHttp;
import io.mekong.sandbox.targets.TargetHttp.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook receivers over real HTTP: the Mekong-Signature check, recording every body (duplicates shown), outages. */
class HookReceiversTest {

    static final String SECRET = "whsec_0123456789abcdef0123456789abcdef";
    static final String OTHER_SECRET = "whsec_fedcba9876543210fedcba9876543210";
    static final String BODY = "{\"id\":\"evt_01\",\"type\":\"order.created\",\"data\":{\"orderId\":\"1001\"}}";

    private final FakeTime time = new FakeTime();
    private final HookReceivers hooks = new HookReceivers(List.of(new HookReceiver("merchant", SECRET),
            new HookReceiver("zapier", OTHER_SECRET)), 2, time);
    private final TargetHttp http = TargetHttp.serve(hooks);

    @AfterEach
    void stop() {
        http.close();
    }

    private Reply deliver(String receiver, String body, String signature) {
        return signature == null ? http.send("POST", "/" + receiver, body, "Content-Type", "application/json")
                : http.send("POST", "/" + receiver, body, "Content-Type", "application/json", MekongSignature.HEADER, signature);
    }

    private String sign(String secret, String body) {
        return MekongSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8), time.instant());
    }

    @Test
    void aSignedDeliveryIsRecordedAndTheSameDeliveryTwiceShowsTwiceAsADuplicate() {
        Reply first = deliver("merchant", BODY, sign(SECRET, BODY));
        Reply second = deliver("merchant", BODY, sign(SECRET, BODY));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(hooks.received("merchant")).isEqualTo(2);
        assertThat(hooks.duplicates("merchant")).isEqualTo(1);
        assertThat(hooks.deliveries("merchant")).hasSize(2);
        assertThat(hooks.deliveries("merchant").get(0).body().at("/data/orderId").asText()).isEqualTo("1001");
        JsonNode state = http.state().at("/receivers/merchant");
        assertThat(state.get("received").asInt()).isEqualTo(2);
        assertThat(state.at("/duplicateIds/evt_01").asInt()).isEqualTo(2);
        assertThat(hooks.received("zapier")).isZero();
    }

    @Test
    void theEventIdHeaderNamesTheDuplicateWhenTheHubSendsIt() {
        String body = "{\"specversion\":\"1.0\",\"id\":\"ignored-when-the-header-is-there\"}";
        for (int i = 0; i < 2; i++) {
            http.send("POST", "/merchant", body, "Content-Type", "application/cloudevents+json", "Mekong-Event-Id", "evt_9",
                    MekongSignature.HEADER, sign(SECRET, body));
        }

        assertThat(hooks.duplicates("merchant")).isEqualTo(1);
        assertThat(http.state().at("/receivers/merchant/duplicateIds/evt_9").asInt()).isEqualTo(2);
    }

    @Test
    void aReceiverKeepsItsLastBodiesButCountsThemAll() {
        for (int i = 0; i < 3; i++) {
            String body = "{\"id\":\"evt_" + i + "\"}";
            deliver("merchant", body, sign(SECRET, body));
        }

        assertThat(hooks.received("merchant")).isEqualTo(3);
        assertThat(hooks.deliveries("merchant")).extracting(d -> d.body().get("id").asText()).containsExactly("evt_1", "evt_2");
    }

    @Test
    void anUnsignedAWronglySignedATamperedOrAnOldDeliveryIsRefused() {
        String stale = MekongSignature.sign(SECRET, BODY.getBytes(StandardCharsets.UTF_8), time.instant().minus(Duration.ofMinutes(6)));

        Reply unsigned = deliver("merchant", BODY, null);
        Reply otherSecret = deliver("merchant", BODY, sign(OTHER_SECRET, BODY));
        Reply tampered = deliver("merchant", BODY.replace("1001", "1002"), sign(SECRET, BODY));
        Reply old = deliver("merchant", BODY, stale);
        Reply malformed = deliver("merchant", BODY, "v1=abc");
        Reply ahead = deliver("merchant", BODY, MekongSignature.sign(SECRET, BODY.getBytes(StandardCharsets.UTF_8),
                time.instant().plus(Duration.ofMinutes(6))));

        assertThat(List.of(unsigned, otherSecret, tampered, old, malformed, ahead)).extracting(Reply::status).containsOnly(401);
        assertThat(unsigned.json().get("detail").asText()).contains("missing");
        assertThat(old.json().get("detail").asText()).contains("more than 5 minutes old");
        assertThat(malformed.json().get("detail").asText()).contains("timestamp (t=)");
        assertThat(hooks.received("merchant")).isZero();
    }

    @Test
    void aSignatureWithinFiveMinutesPassesAndOneOfSeveralV1SignaturesIsEnough() {
        String fourMinutesAgo = MekongSignature.sign(SECRET, BODY.getBytes(StandardCharsets.UTF_8), time.instant().minus(Duration.ofMinutes(4)));
        // a receiver whose secret is being rotated gets one signature per secret, the old one first
        String rotating = sign(SECRET, BODY).replace(",v1=", ",v1=" + "0".repeat(64) + ",v1=");

        assertThat(deliver("merchant", BODY, fourMinutesAgo).status()).isEqualTo(200);
        assertThat(deliver("merchant", BODY, rotating).status()).isEqualTo(200);
    }

    @Test
    void anUnknownReceiverIsNotFoundAndANonJsonBodyIsRefused() {
        assertThat(deliver("nobody", BODY, sign(SECRET, BODY)).status()).isEqualTo(404);
        assertThat(deliver("merchant", "not json", sign(SECRET, "not json")).status()).isEqualTo(400);
        assertThat(http.send("GET", "/merchant", null).status()).isEqualTo(405);
    }

    @Test
    void duringAnOutageDeliveriesGetItsStatusAndNothingIsRecorded() {
        http.outage(503, 10);
        Reply down = deliver("merchant", BODY, sign(SECRET, BODY));
        http.endOutage();
        Reply up = deliver("merchant", BODY, sign(SECRET, BODY));

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("Retry-After")).isEqualTo("10");
        assertThat(up.status()).isEqualTo(200);
        assertThat(hooks.received("merchant")).isEqualTo(1);
        assertThat(hooks.calls().of("POST /{name}", 503)).isEqualTo(1);
    }
}
