package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.StubServer.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that page forever, one per paginator kind, over real HTTP to a stub: each read ends with an error naming
 * what repeated (never the link or cursor itself, which may carry a signature), after the page that repeated.
 * Before the guard, all but the immediate cursorToken repeat read forever: the timeout fails them.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LoopingSourcesTest {

    private static final String REST = """
            name: loops
            connection:
              type: object
              properties:
                baseUrl: {type: string}
            requester:
              baseUrl: "https://loops.example.vn"
            streams:
              linked:
                entity: order
                request: {path: /linked, pageSize: 2}
                recordSelector: /orders
                paginator: {type: linkHeader, sizeParam: limit}
              cursored:
                entity: order
                request: {path: /cursored, pageSize: 2}
                recordSelector: /orders
                paginator: {type: cursorToken, cursorParam: cursor, nextCursor: /next_cursor, hasMore: /more}
              after:
                entity: payment
                request: {path: /after, pageSize: 2}
                recordSelector: /data
                paginator: {type: startingAfter}
              offsets:
                entity: order
                request: {path: /offsets, pageSize: 2}
                recordSelector: /orders
                paginator: {type: offset}
              numbered:
                entity: order
                request: {path: /numbered, pageSize: 2}
                recordSelector: /orders
                paginator: {type: pageNumber, pageParam: page, sizeParam: per_page}
            """;

    private static final String GRAPHQL = """
            name: loops-graphql
            connection:
              type: object
              properties:
                baseUrl: {type: string}
            requester:
              baseUrl: "https://loops.example.vn"
              path: /graphql
              method: POST
              headers: {Content-Type: application/json}
            streams:
              nodes:
                entity: order
                graphql:
                  query: "query Orders($first: Int!, $after: String) { orders(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }"
                  pageSize: 2
                recordSelector: /data/orders/nodes
                paginator: {type: graphqlPageInfo, pageInfo: /data/orders/pageInfo}
            """;

    private static final String TWO_ORDERS = "{\"orders\":[{\"id\":\"1\"},{\"id\":\"2\"}]";

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

    private void readAll(String name, String yaml, String stream, BiFunction<StubServer.Request, Integer, Response> script)
            throws IOException {
        server = new StubServer(script);
        ConnectorEngine engine = new ConnectorEngine(SpecFiles.registry(dir, name, yaml), time, time);
        Reads.readAll(engine, new ConnectionContext("c1", "ws1", name, Map.of("baseUrl", server.baseUrl()), Map.of()),
                stream, null);
    }

    @Test
    void aNextLinkToTheSamePageEndsTheReadWithoutShowingTheLink() {
        assertThatThrownBy(() -> readAll("loops", REST, "linked", (request, n) -> Response.json(200, TWO_ORDERS + "}")
                .withHeader("Link", "<" + server.baseUrl() + "/linked?page_info=p1&signature=s3cr3t>; rel=\"next\"")))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("loops: stream linked: the source gave the same next link (Link rel=\"next\") twice in one run;"
                        + " reading on would loop forever, so the read stops here")
                .message().doesNotContain("s3cr3t", "page_info");
        assertThat(server.requests()).as("the first page, then the page its link named, which named itself").hasSize(2);
    }

    @Test
    void aCursorThatComesBackAfterAnotherEndsTheRead() {
        // A, then B, then A again: not only a cursor handed straight back
        assertThatThrownBy(() -> readAll("loops", REST, "cursored", (request, n) -> Response.json(200, TWO_ORDERS
                + ",\"more\":true,\"next_cursor\":\"" + (n % 2 == 0 ? "A" : "B") + "\"}")))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("loops: stream cursored: the source gave the same next cursor (/next_cursor) twice in one run");
        assertThat(server.requests()).extracting(r -> r.params().get("cursor")).containsExactly("", "A", "B");
    }

    @Test
    void aServerThatIgnoresStartingAfterEndsTheRead() {
        assertThatThrownBy(() -> readAll("loops", REST, "after", (request, n) -> Response.json(200,
                "{\"data\":[{\"id\":\"ch_1\"},{\"id\":\"ch_2\"}],\"has_more\":true}")))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("the same last record (id) to start the next page after twice in one run");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aServerThatIgnoresTheOffsetEndsTheRead() {
        assertThatThrownBy(() -> readAll("loops", REST, "offsets", (request, n) -> Response.json(200, TWO_ORDERS + "}")))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("loops: stream offsets: the source gave the same page of records at another offset twice");
        assertThat(server.requests()).extracting(r -> r.params().get("offset")).containsExactly("0", "2");
    }

    @Test
    void aServerThatAnswersEveryPageNumberWithTheSamePageEndsTheRead() {
        // Magento before 2.4 answers past its last page with the last page again; without total_count nothing else ends it
        assertThatThrownBy(() -> readAll("loops", REST, "numbered", (request, n) -> Response.json(200, TWO_ORDERS + "}")))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("the same page of records under another page number twice in one run");
        assertThat(server.requests()).extracting(r -> r.params().get("page")).containsExactly("1", "2");
    }

    @Test
    void aGraphqlEndCursorThatNeverMovesEndsTheRead() {
        assertThatThrownBy(() -> readAll("loops-graphql", GRAPHQL, "nodes", (request, n) -> Response.json(200,
                "{\"data\":{\"orders\":{\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"eyJsYXN0X2lkIjoyfQ==\"},"
                        + "\"nodes\":[{\"id\":\"gid://1\"},{\"id\":\"gid://2\"}]}}}")))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("the same end cursor (pageInfo.endCursor) twice in one run")
                .message().doesNotContain("eyJsYXN0X2lkIjoyfQ");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void pagesThatMoveOnAreReadToTheEnd() throws IOException {
        readAll("loops", REST, "cursored", (request, n) -> Response.json(200, n < 40
                ? TWO_ORDERS + ",\"more\":true,\"next_cursor\":\"c" + n + "\"}" : TWO_ORDERS + ",\"more\":false}"));
        assertThat(server.requests()).as("more pages than the guard remembers, none repeated").hasSize(41);
    }
}
