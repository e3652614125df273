package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.StubServer.Response;
import io.mekong.connector.spec.ConnectorSpecLoader;
import io.mekong.connector.spec.InvalidSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stream with several {@code details} blocks: applied in order, ids in a query or a JSON body, unreadable answers. */
class ChainedDetailsTest {

    private static final String SPEC = """
            name: chained
            connection:
              type: object
              properties:
                baseUrl: {type: string}
            requester:
              baseUrl: "https://unused.example.com"
            streams:
              orders:
                entity: order
                request:
                  path: /list
                  pageSize: 10
                recordSelector: /response/order_list
                primaryKey: order_sn
                paginator:
                  type: offset
                details:
                  - request:
                      path: /detail
                    idsParam: order_sn_list
                    batchSize: 2
                    recordSelector: /response/order_list
                    problemField: detail_problem
                  - request:
                      method: POST
                      path: /escrow
                    idsParam: order_sn_list
                    idsIn: body
                    recordSelector: /response
                    matchField: /escrow_detail/order_sn
                    attachAs: escrow
                    attach: /escrow_detail
              strict:
                entity: order
                request:
                  path: /list
                recordSelector: /response/order_list
                primaryKey: order_sn
                paginator:
                  type: offset
                details:
                  request:
                    path: /detail
                  idsParam: order_sn_list
                  recordSelector: /response/order_list
            """;

    private final FakeTime time = new FakeTime();
    private StubServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Page read(String stream, Function<StubServer.Request, Response> details) throws IOException {
        server = StubServer.answering(request -> switch (request.path()) {
            case "/list" -> Response.json(200, "{\"response\":{\"order_list\":[{\"order_sn\":\"A\"},{\"order_sn\":\"B\"},{\"order_sn\":\"C\"}]}}");
            case "/escrow" -> Response.json(200, "{\"response\":" + StreamSupport.stream(request.json().get("order_sn_list").spliterator(), false)
                    .map(sn -> "{\"escrow_detail\":{\"order_sn\":\"" + sn.asText() + "\",\"paid\":" + (sn.asText().charAt(0) - 'A' + 10) + "}}")
                    .collect(Collectors.joining(",", "[", "]")) + "}");
            default -> details.apply(request);
        });
        ConnectorEngine engine = new ConnectorEngine(SpecFiles.registry(dir, "chained", SPEC), time, time);
        return engine.fetch(new ConnectionContext("c1", "ws1", "chained", Map.of("baseUrl", server.baseUrl()), Map.of()),
                stream, null, null);
    }

    private static Response detailsOf(StubServer.Request request) {
        return Response.json(200, "{\"response\":{\"order_list\":" + java.util.Arrays.stream(request.params().get("order_sn_list").split(","))
                .map(sn -> "{\"order_sn\":\"" + sn + "\",\"total\":1}").collect(Collectors.joining(",", "[", "]")) + "}}");
    }

    @Test
    void detailBlocksApplyInOrderAndTheSecondSendsItsIdsInAJsonBodyAndMatchesANestedKey() throws IOException {
        Page page = read("orders", ChainedDetailsTest::detailsOf);

        assertThat(page.records()).extracting(r -> r.get("order_sn").asText() + ":" + r.path("total").asInt(-1) + ":"
                + r.at("/escrow/paid").asInt(-1)).containsExactly("A:1:10", "B:1:11", "C:1:12");
        assertThat(server.requests()).extracting(StubServer.Request::path).containsExactly("/list", "/detail", "/detail", "/escrow");
        StubServer.Request escrow = server.requests().get(3);
        assertThat(escrow.method()).isEqualTo("POST");
        assertThat(escrow.json().toString()).isEqualTo("{\"order_sn_list\":[\"A\",\"B\",\"C\"]}");
        assertThat(escrow.params()).doesNotContainKey("order_sn_list");
    }

    @Test
    void anUnreadableDetailAnswerKeepsThatBatchAsListedWithTheProblemAndTheOtherBatchesGoOn() throws IOException {
        Page page = read("orders", request -> request.params().get("order_sn_list").startsWith("A")
                ? Response.json(200, "{\n{\n \"error\": \"\"}") : detailsOf(request));

        assertThat(page.records().get(0).get("detail_problem").asText())
                .startsWith("chained: detail response of GET /detail for stream orders is not JSON: Unexpected character ('{'")
                .endsWith("at line 2 column 1");
        assertThat(page.records().get(1).has("detail_problem")).isTrue();
        assertThat(page.records().get(0).has("total")).isFalse();
        assertThat(page.records().get(2).get("total").asInt()).isEqualTo(1);
        assertThat(page.records().get(2).has("detail_problem")).isFalse();
        assertThat(page.records()).as("the escrow is still attached to every record")
                .allSatisfy(r -> assertThat(r.has("escrow")).isTrue());
    }

    @Test
    void withoutAProblemFieldAnUnreadableDetailAnswerFailsThePageNamingWhy() throws IOException {
        assertThatThrownBy(() -> read("strict", request -> Response.json(200, "{\"response\":{}}")))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("chained: detail response of GET /detail for stream strict has nothing at /response/order_list");
    }

    @Test
    void idsInABodyNeedAPost() throws IOException {
        String getWithBody = SPEC.replace("method: POST", "method: GET");

        assertThatThrownBy(() -> load(getWithBody)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("streams.orders.details.1.idsIn").hasMessageContaining("body needs request.method POST");
    }

    private void load(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("chained.yaml"), yaml);
        new ConnectorSpecLoader().load(file);
    }
}
