package io.mekong.connector.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.StubServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a replay tells the hub's requests from the recorded ones: the matching rules of the case files. */
class ReplayServerTest {

    private static final String RECORDED = """
            - request:
                method: POST
                path: /api/v2/payment/get_escrow_detail_batch
                query:
                  partner_id: "2001887"
                  timestamp: {present: true}
                  sign: {matches: "[0-9a-f]{64}"}
                headers:
                  Authorization: Bearer tok-1
                body: {order_sn_list: [SN1, SN2], amount: 1.50}
              response:
                status: 429
                headers: {Retry-After: "2"}
                body: {error: error_too_many_request}
            - request:
                method: POST
                path: /api/v2/payment/get_escrow_detail_batch
                query:
                  partner_id: "2001887"
                  timestamp: {present: true}
                  sign: {matches: "[0-9a-f]{64}"}
                headers:
                  Authorization: Bearer tok-1
                body: {order_sn_list: [SN1, SN2], amount: 1.50}
              response:
                status: 200
                headers: {Link: "<{{server}}/next>; rel=next"}
                body: {error: ""}
            """;
    private static final String SIGN = "a".repeat(64);

    private static List<RecordedExchange> recorded() throws IOException {
        JsonNode list = ContractYaml.YAML.readTree(RECORDED);
        return List.of(new RecordedExchange(list.get(0).get("request"), list.get(0).get("response")),
                new RecordedExchange(list.get(1).get("request"), list.get(1).get("response")));
    }

    private static StubServer.Request request(String query, String authorization, String body) {
        return new StubServer.Request("POST", "/api/v2/payment/get_escrow_detail_batch", query,
                authorization == null ? Map.of() : Map.of("Authorization", List.of(authorization)), body);
    }

    @Test
    void aRequestMatchesByValueByPresenceAndByPatternWithItsJsonBodyComparedByValue() throws IOException {
        StubServer.Request sent = request("partner_id=2001887&timestamp=1748736000&sign=" + SIGN, "Bearer tok-1",
                "{\"amount\":1.5,\"order_sn_list\":[\"SN1\",\"SN2\"]}");

        assertThat(recorded().get(0).differences(sent, "http://127.0.0.1:1")).isEmpty();
    }

    @Test
    void everyDifferenceIsNamed() throws IOException {
        StubServer.Request sent = request("partner_id=2001888&sign=XYZ&extra=1", null, "{\"order_sn_list\":[\"SN1\"]}");

        assertThat(recorded().get(0).differences(sent, "http://127.0.0.1:1")).containsExactly(
                "query parameter extra=1 is not in the recording",
                "query parameter partner_id is 2001888 but the recording has 2001887",
                "query parameter sign is XYZ, which does not match [0-9a-f]{64}",
                "query parameter timestamp is missing",
                "header Authorization is missing (recorded: Bearer tok-1)",
                "body is {\"order_sn_list\":[\"SN1\"]} but the recording has {\"order_sn_list\":[\"SN1\",\"SN2\"],\"amount\":1.50}");
    }

    @Test
    void identicalRequestsGetTheirAnswersInTheRecordedOrderAndTheServerAddressIsFilledIn() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (ReplayServer server = new ReplayServer(recorded())) {
            HttpRequest same = HttpRequest.newBuilder(URI.create(server.baseUrl()
                            + "/api/v2/payment/get_escrow_detail_batch?partner_id=2001887&timestamp=1&sign=" + SIGN))
                    .header("Authorization", "Bearer tok-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"order_sn_list\":[\"SN1\",\"SN2\"],\"amount\":1.50}")).build();

            HttpResponse<String> first = client.send(same, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> second = client.send(same, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> third = client.send(same, HttpResponse.BodyHandlers.ofString());

            assertThat(first.statusCode()).isEqualTo(429);
            assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.headers().firstValue("Link")).hasValue("<" + server.baseUrl() + "/next>; rel=next");
            assertThat(third.statusCode()).as("refused: not in the recording").isEqualTo(418);
            assertThat(server.differences()).singleElement().asString()
                    .startsWith("request 3 (POST /api/v2/payment/get_escrow_detail_batch?partner_id=2001887")
                    .endsWith("comes after every recorded request was answered");
            assertThat(server.unused()).isEmpty();
        }
    }

    @Test
    void aRecordedRequestNeverMadeIsReported() throws IOException {
        try (ReplayServer server = new ReplayServer(recorded())) {
            assertThat(server.unused()).containsExactly("exchange 1: POST /api/v2/payment/get_escrow_detail_batch",
                    "exchange 2: POST /api/v2/payment/get_escrow_detail_batch");
        }
    }
}
