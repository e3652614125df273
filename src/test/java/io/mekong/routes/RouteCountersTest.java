package io.mekong.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.testing.HubIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Every flow is a route with counters of its own, read the way Hawtio reads them (Jolokia, the route MBeans): a webhook
 * that arrives moves the push route's, a replay the replay route's, a sweep asked for by hand the sweep route's.
 */
class RouteCountersTest extends HubIntegrationTest {

    private static final String STRIPE_SECRET = "whsec_counters_secret";


    @Test
    void aWebhookAReplayAndASweepEachMoveTheirOwnRoute() throws Exception {
        call("POST", "/api/connections", Map.of("id", "counters-stripe", "connector", "stripe", "params", Map.of(),
                "secrets", Map.of("secretKey", "sk_test_counters", "webhookSecret", STRIPE_SECRET)), 201);
        long batches = completed("webhook-batch");
        long replays = completed("dead-letter-replay");
        long sweeps = completed("deletion-sweep");

        // a webhook whose body holds no customer: processed by the push route into dead letters
        assertThat(stripe("{\"id\":\"evt_Counters\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"data\":{}}")).isEqualTo(200);
        processWebhooks();
        // at least this delivery's batch (the shared inbox may hold other tests' deliveries too), and only that route
        assertThat(completed("webhook-batch")).isGreaterThan(batches);
        assertThat(jdbc.queryForObject("select outcome from webhook_inbox where connection_id = 'counters-stripe'",
                String.class)).isEqualTo("rejected: see dead letters");
        assertThat(completed("dead-letter-replay")).isEqualTo(replays);
        assertThat(completed("deletion-sweep")).isEqualTo(sweeps);

        JsonNode letter = call("GET", "/api/dead-letters?connection=counters-stripe", null, 200).get("items").get(0);
        call("POST", "/api/dead-letters/" + letter.get("id").asLong() + "/replay", null, 200);
        assertThat(completed("dead-letter-replay")).isEqualTo(replays + 1);

        magentoConnection("counters-magento", Map.of());
        long sync = call("POST", "/api/syncs", Map.of("connection", "counters-magento", "streams", List.of("customers")), 201)
                .get("id").asLong();
        runToEnd(sync);
        long afterFirstRun = completed("deletion-sweep");
        assertThat(afterFirstRun).as("a first run sweeps: no sweep yet").isEqualTo(sweeps + 1);
        runToEnd(sync);
        assertThat(completed("deletion-sweep")).as("not due again for 6 hours").isEqualTo(afterFirstRun);

        long runId = call("POST", "/api/syncs/" + sync + "/run?sweep=true", null, 202).get("runId").asLong();
        JsonNode run = awaitRun(runId);
        assertThat(run.get("trigger").asText()).isEqualTo("sweep");
        assertThat(completed("deletion-sweep")).as("asked for by hand").isEqualTo(afterFirstRun + 1);
    }

    /** The route's ExchangesCompleted, as Hawtio shows it: read from its MBean through Jolokia. */
    private long completed(String routeId) {
        String read = "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=mekong,type=routes,name=\\\"" + routeId
                + "\\\"\",\"attribute\":\"ExchangesCompleted\"}";
        JsonNode answer = call("POST", "/actuator/jolokia", read, 200);
        assertThat(answer.get("status").asInt()).as(answer.toString()).isEqualTo(200);
        return answer.get("value").asLong();
    }

    private int stripe(String body) throws Exception {
        long t = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(STRIPE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String v1 = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/webhooks/stripe/counters-stripe")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Stripe-Signature", "t=" + t + ",v1=" + v1).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
