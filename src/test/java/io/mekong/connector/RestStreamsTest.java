package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.StubServer.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REST streams through the whole engine: spec file, signer, paginator, cursor, over real HTTP to a stub. */
class RestStreamsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String MAGENTO_LIKE = """
            name: shop-rest
            connection:
              type: object
              required: [baseUrl, consumerKey, consumerSecret, accessToken, tokenSecret]
              properties:
                baseUrl: {type: string}
                consumerKey: {type: string}
                consumerSecret: {type: string, secret: true}
                accessToken: {type: string, secret: true}
                tokenSecret: {type: string, secret: true}
            auth:
              type: oauth1
              consumerKey: "{{params.consumerKey}}"
              consumerSecret: "{{secrets.consumerSecret}}"
              token: "{{secrets.accessToken}}"
              tokenSecret: "{{secrets.tokenSecret}}"
            requester:
              baseUrl: "https://unused.example.com"
              path: /rest/default
            streams:
              orders:
                entity: order
                request:
                  path: /V1/orders
                  params:
                    "searchCriteria[sortOrders][0][field]": updated_at
                    "searchCriteria[sortOrders][0][direction]": ASC
                  pageSize: 2
                recordSelector: /items
                primaryKey: entity_id
                paginator:
                  type: pageNumber
                  pageParam: "searchCriteria[currentPage]"
                  sizeParam: "searchCriteria[pageSize]"
                  totalCount: /total_count
                cursor:
                  field: updated_at
                  format: "yyyy-MM-dd HH:mm:ss"
                  filterParam: "searchCriteria[filter_groups][0][filters][0][value]"
                  filter: "{{cursor}}"
                  lookback: 1m
              charges:
                entity: payment
                request:
                  path: /v1/charges
                  pageSize: 2
                recordSelector: /data
                paginator:
                  type: startingAfter
                cursor:
                  field: created
                  format: epochSeconds
                  filterParam: "created[gte]"
                  filter: "{{cursor}}"
                  order: descending
              marketplace-orders:
                entity: order
                request:
                  path: /api/v2/order/get_order_list
                  params:
                    time_range_field: update_time
                  pageSize: 100
                recordSelector: /response/order_list
                primaryKey: order_sn
                paginator:
                  type: cursorToken
                  cursorParam: cursor
                  sizeParam: page_size
                  nextCursor: /response/next_cursor
                  hasMore: /response/more
                window:
                  size: 15d
                  fromParam: time_from
                  toParam: time_to
                  start: 40d
                  lookback: 10m
              listed-orders:
                entity: order
                request:
                  path: /api/v2/order/get_order_list
                  pageSize: 3
                recordSelector: /response/order_list
                primaryKey: order_sn
                paginator:
                  type: offset
                details:
                  request:
                    path: /api/v2/order/get_order_detail
                    params:
                      response_optional_fields: item_list
                  idsParam: order_sn_list
                  batchSize: 2
                  recordSelector: /response/order_list
              seller-orders:
                entity: order
                request:
                  path: /orders/get
                  pageSize: 100
                recordSelector: /data/orders
                primaryKey: order_id
                paginator:
                  type: offset
                  totalCount: /data/countTotal
                details:
                  request:
                    path: /orders/items/get
                  idsParam: order_ids
                  idsFormat: jsonArray
                  recordSelector: /data
                  attachAs: items
                  attach: /order_items
                coerce:
                  nullStrings: true
                  numbers: [paid_price]
                lookup:
                  request:
                    path: /order/get
                  idsParam: order_id
                  batchSize: 1
                  recordSelector: /data
              capped-offsets:
                entity: order
                request:
                  path: /orders/get
                  params: {sort_by: updated_at, sort_direction: ASC}
                  pageSize: 2
                recordSelector: /data/orders
                primaryKey: order_id
                paginator: {type: offset, totalCount: /data/countTotal, maxOffset: 2}
                cursor:
                  field: updated_at
                  fieldFormat: "yyyy-MM-dd HH:mm:ss Z"
                  format: "yyyy-MM-dd'T'HH:mm:ssxxx"
                  filterParam: update_after
                  filter: "{{cursor}}"
                  start: "2025-01-01T00:00:00+07:00"
            """;

    private final FakeTime time = new FakeTime();
    private StubServer server;
    private ConnectorEngine engine;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ConnectionContext connection() throws IOException {
        engine = new ConnectorEngine(SpecFiles.registry(dir, "shop-rest", MAGENTO_LIKE), time, time);
        return new ConnectionContext("c1", "ws1", "shop-rest", Map.of("baseUrl", server.baseUrl(), "consumerKey", "ck"),
                Map.of("consumerSecret", "cs", "accessToken", "at", "tokenSecret", "ts"));
    }


    private static String orders(int total, String... idAndUpdated) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < idAndUpdated.length; i += 2) {
            items.append(items.isEmpty() ? "" : ",").append("{\"entity_id\":").append(idAndUpdated[i])
                    .append(",\"updated_at\":\"").append(idAndUpdated[i + 1]).append("\"}");
        }
        return "{\"items\":[" + items + "],\"total_count\":" + total + "}";
    }

    @Test
    void pagesByNumberUntilTheTotalIsReachedEvenWhenTheServerWouldRepeatTheLastPage() throws IOException {
        // Magento < 2.4 answers any page past the end with the last page again: only the total stops the run
        server = new StubServer((request, n) -> Response.json(200, switch (request.params().get("searchCriteria[currentPage]")) {
            case "1" -> orders(4, "1", "2025-01-01 10:00:00", "2", "2025-01-02 10:00:00");
            default -> orders(4, "3", "2025-01-03 10:00:00", "4", "2025-01-03 09:00:00");
        }));
        ConnectionContext connection = connection();

        Page first = engine.fetch(connection, "orders", null, null);
        Page second = engine.fetch(connection, "orders", first.checkpoint(), first.nextPageToken());

        assertThat(first.records()).hasSize(2);
        assertThat(second.records()).extracting(r -> r.get("entity_id").asInt()).containsExactly(3, 4);
        assertThat(second.hasMore()).as("2 pages × 2 = total_count 4: no third request").isFalse();
        assertThat(server.requests()).hasSize(2);
        assertThat(second.checkpoint().get("cursor").asText()).isEqualTo("2025-01-03T10:00:00Z");

        StubServer.Request request = server.requests().get(1);
        assertThat(request.path()).isEqualTo("/rest/default/V1/orders");
        assertThat(request.params()).containsEntry("searchCriteria[sortOrders][0][field]", "updated_at")
                .containsEntry("searchCriteria[pageSize]", "2").containsEntry("searchCriteria[currentPage]", "2")
                .doesNotContainKey("searchCriteria[filter_groups][0][filters][0][value]");
        assertThat(request.header("Authorization")).startsWith("OAuth oauth_consumer_key=\"ck\"")
                .contains("oauth_signature_method=\"HMAC-SHA256\"", "oauth_token=\"at\"");
    }

    @Test
    void anIncrementalRunFiltersInTheSystemsOwnTimeFormatMinusTheLookback() throws IOException {
        server = StubServer.answering(request -> Response.json(200, orders(1, "9", "2025-02-01 08:00:00")));
        ConnectionContext connection = connection();
        JsonNode checkpoint = JSON.createObjectNode().put("cursor", "2025-01-31T23:59:30Z");

        Page page = engine.fetch(connection, "orders", checkpoint, null);

        assertThat(server.requests().get(0).params())
                .containsEntry("searchCriteria[filter_groups][0][filters][0][value]", "2025-01-31 23:58:30");
        assertThat(page.hasMore()).as("a short page is the last").isFalse();
        assertThat(page.checkpoint().get("cursor").asText()).isEqualTo("2025-02-01T08:00:00Z");
    }

    @Test
    void cappedTimeRangesAreReadWindowByWindowWithTheCheckpointAtEachWindowsEnd() throws IOException {
        long now = 1_748_736_000L; // FakeTime's 2025-06-01T00:00:00Z
        long day = 86_400L;
        server = StubServer.answering(request -> {
            Map<String, String> q = request.params();
            String more = q.get("time_from").equals(Long.toString(now - 25 * day)) && q.get("cursor").isEmpty()
                    ? "true,\"next_cursor\":\"20\"" : "false,\"next_cursor\":\"\"";
            return Response.json(200, "{\"error\":\"\",\"response\":{\"more\":" + more
                    + ",\"order_list\":[{\"order_sn\":\"SN" + q.get("time_from") + q.get("cursor") + "\"}]}}");
        });
        ConnectionContext connection = connection();

        Page page = engine.fetch(connection, "marketplace-orders", null, null);
        List<Page> pages = new java.util.ArrayList<>(List.of(page));
        while (page.hasMore()) {
            page = engine.fetch(connection, "marketplace-orders", null, page.nextPageToken());
            pages.add(page);
        }

        assertThat(server.requests()).extracting(r -> r.params().get("time_from") + ".." + r.params().get("time_to")
                + " cursor=" + r.params().get("cursor")).containsExactly(
                (now - 40 * day) + ".." + (now - 25 * day) + " cursor=",
                (now - 25 * day) + ".." + (now - 10 * day) + " cursor=",
                (now - 25 * day) + ".." + (now - 10 * day) + " cursor=20",
                (now - 10 * day) + ".." + now + " cursor=");
        assertThat(server.requests().get(0).params()).containsEntry("time_range_field", "update_time")
                .containsEntry("page_size", "100");
        assertThat(pages).extracting(p -> p.checkpoint() == null ? null : p.checkpoint().get("cursor").asText())
                .as("the checkpoint moves only when a window is read whole")
                .containsExactly("2025-05-07T00:00:00Z", null, "2025-05-22T00:00:00Z", "2025-06-01T00:00:00Z");

        engine.fetch(connection, "marketplace-orders", pages.get(3).checkpoint(), null);
        assertThat(server.requests().get(4).params().get("time_from")).as("the next run starts at the checkpoint minus lookback")
                .isEqualTo(Long.toString(now - 600));
    }

    @Test
    void listedKeysAreCompletedFromTheDetailEndpointInBatchesAndAMissingDetailKeepsTheListedRecord() throws IOException {
        server = StubServer.answering(request -> {
            if (request.path().endsWith("get_order_list")) {
                return Response.json(200, "{\"response\":{\"order_list\":[{\"order_sn\":\"A\"},{\"order_sn\":\"B\"},"
                        + "{\"order_sn\":\"C\"}]}}");
            }
            String details = java.util.Arrays.stream(request.params().get("order_sn_list").split(","))
                    .filter(sn -> !sn.equals("B"))
                    .map(sn -> "{\"order_sn\":\"" + sn + "\",\"total_amount\":100}").collect(Collectors.joining(","));
            return Response.json(200, "{\"response\":{\"order_list\":[" + details + "]}}");
        });
        ConnectionContext connection = connection();

        Page page = engine.fetch(connection, "listed-orders", null, null);

        assertThat(page.records()).extracting(r -> r.get("order_sn").asText() + ":" + r.path("total_amount").asInt(-1))
                .containsExactly("A:100", "B:-1", "C:100");
        assertThat(server.requests()).extracting(r -> r.params().get("order_sn_list")).containsExactly(null, "A,B", "C");
        assertThat(server.requests().get(1).params()).containsEntry("response_optional_fields", "item_list");
        assertThat(page.hasMore()).as("3 listed of a page size of 3, offset paging asks once more").isTrue();
    }

    @Test
    void detailsCanBeAttachedToTheListedRecordAndAreCoercedWithIt() throws IOException {
        server = StubServer.answering(request -> request.path().equals("/rest/default/orders/get")
                ? Response.json(200, "{\"code\":\"0\",\"data\":{\"countTotal\":\"2\",\"orders\":["
                        + "{\"order_id\":\"11\",\"voucher\":\"null\"},{\"order_id\":\"12\"}]}}")
                : Response.json(200, "{\"code\":\"0\",\"data\":[{\"order_id\":\"11\",\"order_items\":"
                        + "[{\"paid_price\":\"106.00\"}]},{\"order_id\":12,\"order_items\":[]}]}"));
        ConnectionContext connection = connection();

        Page page = engine.fetch(connection, "seller-orders", null, null);

        assertThat(server.requests().get(1).params()).containsEntry("order_ids", "[\"11\",\"12\"]");
        assertThat(page.records().get(0).at("/items/0/paid_price").decimalValue()).isEqualByComparingTo("106.00");
        assertThat(page.records().get(0).get("voucher").isNull()).isTrue();
        assertThat(page.records().get(1).get("items").isArray()).as("a numeric id in the detail still matches").isTrue();
        assertThat(page.hasMore()).as("countTotal \"2\" reached").isFalse();
    }

    /** A Lazada-like list: orders updated at the given local times (+0700), filtered by update_after, offset paged. */
    private static StubServer lazadaLike(List<String> updated) throws IOException {
        return StubServer.answering(request -> {
            Instant after = OffsetDateTime.parse(request.params().get("update_after")).toInstant();
            DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");
            List<String> orders = new ArrayList<>();
            for (int i = 0; i < updated.size(); i++) {
                if (!OffsetDateTime.parse(updated.get(i), local).toInstant().isBefore(after)) {
                    orders.add("{\"order_id\":\"" + (i + 1) + "\",\"updated_at\":\"" + updated.get(i) + "\"}");
                }
            }
            int offset = Integer.parseInt(request.params().get("offset"));
            int limit = Integer.parseInt(request.params().get("limit"));
            List<String> page = orders.subList(Math.min(offset, orders.size()), Math.min(orders.size(), offset + limit));
            return Response.json(200, "{\"code\":\"0\",\"data\":{\"countTotal\":\"" + orders.size()
                    + "\",\"orders\":[" + String.join(",", page) + "]}}");
        });
    }

    private List<Page> readAll(ConnectionContext connection, String stream) {
        List<Page> pages = new ArrayList<>(List.of(engine.fetch(connection, stream, null, null)));
        while (pages.get(pages.size() - 1).hasMore()) {
            pages.add(engine.fetch(connection, stream, null, pages.get(pages.size() - 1).nextPageToken()));
        }
        return pages;
    }

    @Test
    void aFirstRunStartsAtTheCursorsStartAndSlidesItsFilterInsteadOfPassingTheOffsetCap() throws IOException {
        server = lazadaLike(List.of("2025-01-02 08:00:00 +0700", "2025-01-02 09:00:00 +0700", "2025-01-02 10:00:00 +0700",
                "2025-01-02 11:00:00 +0700", "2025-01-02 12:00:00 +0700", "2025-01-02 13:00:00 +0700",
                "2025-01-02 14:00:00 +0700"));
        ConnectionContext connection = connection();

        List<Page> pages = readAll(connection, "capped-offsets");

        assertThat(server.requests()).extracting(r -> r.params().get("update_after") + " @" + r.params().get("offset"))
                .as("never an offset past 2: the filter restarts at the latest updated_at read")
                .containsExactly("2024-12-31T17:00:00+00:00 @0", "2024-12-31T17:00:00+00:00 @2",
                        "2025-01-02T04:00:00+00:00 @0", "2025-01-02T04:00:00+00:00 @2");
        assertThat(pages.stream().flatMap(p -> p.records().stream()).map(r -> r.get("order_id").asText()).distinct())
                .containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(pages).extracting(p -> p.checkpoint().get("cursor").asText()).as("times with an offset read as UTC")
                .containsExactly("2025-01-02T02:00:00Z", "2025-01-02T04:00:00Z", "2025-01-02T05:00:00Z",
                        "2025-01-02T07:00:00Z");
        assertThat(pages.get(3).hasMore()).as("the slid filter's countTotal (4) is reached").isFalse();
    }

    @Test
    void theOffsetCapFailsClearlyWhenMoreRecordsThanItShareOneTime() throws IOException {
        server = lazadaLike(Collections.nCopies(6, "2025-01-02 08:00:00 +0700"));
        ConnectionContext connection = connection();

        assertThatThrownBy(() -> readAll(connection, "capped-offsets")).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("reached the largest offset")
                .hasMessageContaining("every record on the way has the same updated_at 2025-01-02T01:00:00Z");
    }

    @Test
    void keysAreLookedUpThroughReplacingDetailsAndKeysTheSystemDoesNotKnowAreLeftOut() throws IOException {
        server = StubServer.answering(request -> Response.json(200, "{\"response\":{\"order_list\":["
                + java.util.Arrays.stream(request.params().get("order_sn_list").split(",")).filter(sn -> !sn.equals("GONE"))
                        .map(sn -> "{\"order_sn\":\"" + sn + "\",\"total_amount\":100}").collect(Collectors.joining(","))
                + "]}}"));
        ConnectionContext connection = connection();

        List<JsonNode> found = engine.lookup(connection, "listed-orders", List.of("A", "GONE", "C"));

        assertThat(found).extracting(r -> r.get("order_sn").asText() + ":" + r.get("total_amount").asInt())
                .containsExactly("A:100", "C:100");
        assertThat(server.requests()).extracting(r -> r.path() + "?" + r.params().get("order_sn_list"))
                .containsExactly("/rest/default/api/v2/order/get_order_detail?A,GONE", "/rest/default/api/v2/order/get_order_detail?C");
    }

    @Test
    void aLookupBlockReadsEachKeyAndTheStreamsDetailsAndCoercionCompleteIt() throws IOException {
        server = StubServer.answering(request -> switch (request.path()) {
            case "/rest/default/order/get" -> request.params().get("order_id").equals("13")
                    ? Response.json(200, "{\"code\":\"0\",\"data\":[]}")
                    : Response.json(200, "{\"code\":\"0\",\"data\":{\"order_id\":\"11\",\"voucher\":\"null\"}}");
            default -> Response.json(200, "{\"code\":\"0\",\"data\":[{\"order_id\":\"11\",\"order_items\":"
                    + "[{\"paid_price\":\"106.00\"}]}]}");
        });
        ConnectionContext connection = connection();

        List<JsonNode> found = engine.lookup(connection, "seller-orders", List.of("11", "13"));

        assertThat(found).hasSize(1);
        assertThat(found.get(0).at("/items/0/paid_price").decimalValue()).isEqualByComparingTo("106.00");
        assertThat(found.get(0).get("voucher").isNull()).isTrue();
        assertThat(server.requests()).extracting(r -> r.path()).containsExactly("/rest/default/order/get",
                "/rest/default/order/get", "/rest/default/orders/items/get");
    }

    @Test
    void newestFirstStreamsPageAfterTheLastIdAndCheckpointOnlyWhenTheRunIsRead() throws IOException {
        server = StubServer.answering(request -> Response.json(200, request.query() != null
                && request.query().contains("starting_after=ch_2")
                ? "{\"object\":\"list\",\"has_more\":false,\"data\":[{\"id\":\"ch_1\",\"created\":1735689600}]}"
                : "{\"object\":\"list\",\"has_more\":true,\"data\":[{\"id\":\"ch_3\",\"created\":1735776000},"
                + "{\"id\":\"ch_2\",\"created\":1735732800}]}"));
        ConnectionContext connection = connection();

        Page first = engine.fetch(connection, "charges", null, null);
        Page second = engine.fetch(connection, "charges", first.checkpoint(), first.nextPageToken());

        assertThat(first.checkpoint()).as("a crash after this page must not skip ch_1").isNull();
        assertThat(second.records()).extracting(r -> r.get("id").asText()).containsExactly("ch_1");
        assertThat(second.checkpoint().get("cursor").asText()).isEqualTo("2025-01-02T00:00:00Z");
        assertThat(server.requests().get(0).params()).containsEntry("limit", "2").doesNotContainKey("starting_after");
        assertThat(server.requests().get(1).params()).containsEntry("starting_after", "ch_2");
    }
}
