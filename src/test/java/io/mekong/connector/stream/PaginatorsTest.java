package io.mekong.connector.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.spec.PaginatorSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaginatorsTest {

    private static HttpResult body(String json) {
        return new HttpResult(200, Map.of(), json);
    }

    private static List<JsonNode> records(int n) {
        return Collections.nCopies(n, JsonNodeFactory.instance.objectNode());
    }

    private static Map<String, String> params(Paginator paginator, String position) {
        PageRequest request = new PageRequest(JsonNodeFactory.instance.objectNode());
        paginator.apply(request, position);
        return Map.ofEntries(request.params().toArray(Map.Entry[]::new));
    }

    @Test
    void pageNumberStopsOnAShortPageAndWithoutTotalNeverAsksPastIt() {
        PageNumberPaginator pages = new PageNumberPaginator(new PaginatorSpec.PageNumber("p", "size", null, null), 100);
        assertThat(params(pages, null)).containsEntry("p", "1").containsEntry("size", "100");
        assertThat(pages.next(body("{}"), records(100), null)).isEqualTo("2");
        assertThat(pages.next(body("{}"), records(99), "2")).isNull();
        assertThat(pages.next(body("{\"items\":[]}"), records(0), "3")).as("Magento 2.4+: an empty page past the end").isNull();
    }

    @Test
    void offsetReadsTotalsSentAsStringsAsLazadaDoes() {
        OffsetPaginator offset = new OffsetPaginator(new PaginatorSpec.Offset(null, null, "/data/countTotal", null), 2);
        assertThat(params(offset, null)).containsEntry("offset", "0").containsEntry("limit", "2");
        assertThat(offset.next(body("{\"data\":{\"countTotal\":\"5\"}}"), records(2), "2")).isEqualTo("4");
        assertThat(offset.next(body("{\"data\":{\"countTotal\":\"4\"}}"), records(2), "2")).as("4 of 4 read").isNull();
    }

    @Test
    void cursorTokenFollowsNextCursorWhileMore() {
        CursorTokenPaginator cursor = new CursorTokenPaginator(
                new PaginatorSpec.CursorToken("cursor", "page_size", "/response/next_cursor", "/response/more"), 100);
        assertThat(params(cursor, null)).containsEntry("cursor", "").containsEntry("page_size", "100");
        assertThat(cursor.next(body("{\"response\":{\"more\":true,\"next_cursor\":\"20\"}}"), records(100), null)).isEqualTo("20");
        assertThat(cursor.next(body("{\"response\":{\"more\":false,\"next_cursor\":\"\"}}"), records(3), "20")).isNull();
        assertThat(cursor.next(body("{\"response\":{\"more\":true,\"next_cursor\":\"20\"}}"), records(100), "20"))
                .as("a token handed back is the loop guard's to refuse, with an error (LoopingSourcesTest)").isEqualTo("20");
    }

    @Test
    void linkHeaderTakesTheNextLinksQueryAndReplacesTheFilters() {
        String header = "<https://shop.myshopify.com/admin/api/2024-10/orders.json?limit=250&page_info=abc>; rel=\"previous\", "
                + "<https://shop.myshopify.com/admin/api/2024-10/orders.json?limit=250&page_info=def%3D>; rel=\"next\"";
        assertThat(LinkHeaderPaginator.nextQuery(header)).isEqualTo("limit=250&page_info=def%3D");
        assertThat(LinkHeaderPaginator.nextQuery("<https://x/y?page=2>; rel=\"prev\"")).isNull();

        LinkHeaderPaginator link = new LinkHeaderPaginator(new PaginatorSpec.LinkHeader("limit"), 250);
        PageRequest request = new PageRequest(JsonNodeFactory.instance.objectNode());
        request.param("updated_at_min", "2025-01-01T00:00:00Z");
        link.apply(request, "limit=250&page_info=def%3D");
        assertThat(request.params()).containsExactly(Map.entry("limit", "250"), Map.entry("page_info", "def="));
        assertThat(link.next(new HttpResult(200, Map.of("link", List.of(header)), "[]"), records(250), null))
                .isEqualTo("limit=250&page_info=def%3D");
    }
}
