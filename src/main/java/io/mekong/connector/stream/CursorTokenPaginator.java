package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.spec.PaginatorSpec;
import java.util.List;

/** An opaque next-page token in the body, e.g. Shopee's {@code next_cursor} while {@code more} is true. */
public final class CursorTokenPaginator implements Paginator {

    private final PaginatorSpec.CursorToken spec;
    private final int pageSize;

    public CursorTokenPaginator(PaginatorSpec.CursorToken spec, int pageSize) {
        this.spec = spec;
        this.pageSize = pageSize;
    }

    @Override
    public void apply(PageRequest request, String position) {
        if (spec.sizeParam() != null) {
            request.param(spec.sizeParam(), Integer.toString(pageSize));
        }
        request.param(spec.cursorParam(), position == null ? "" : position);
    }

    @Override
    public String next(HttpResult response, List<JsonNode> records, String position) {
        if (spec.hasMore() != null && !Counts.flag(response, spec.hasMore())) {
            return null;
        }
        return Counts.text(response, spec.nextCursor());
    }

    @Override
    public String repeated() {
        return "the same next cursor (" + spec.nextCursor() + ")";
    }
}
