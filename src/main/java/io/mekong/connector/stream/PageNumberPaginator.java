package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.spec.PaginatorSpec;
import java.util.List;

/**
 * Numbered pages. Magento before 2.4 answers a page past the end with the last page again and 2.4+ with an
 * empty one, so the end is found from the page itself: a short page, or page × size reaching {@code total_count}.
 */
public final class PageNumberPaginator implements Paginator {

    private final PaginatorSpec.PageNumber spec;
    private final int pageSize;

    public PageNumberPaginator(PaginatorSpec.PageNumber spec, int pageSize) {
        this.spec = spec;
        this.pageSize = pageSize;
    }

    @Override
    public void apply(PageRequest request, String position) {
        request.param(spec.sizeParam(), Integer.toString(pageSize));
        request.param(spec.pageParam(), position == null ? Integer.toString(spec.firstPage()) : position);
    }

    @Override
    public String next(HttpResult response, List<JsonNode> records, String position) {
        int page = position == null ? spec.firstPage() : Integer.parseInt(position);
        if (records.size() < pageSize) {
            return null;
        }
        if (spec.totalCount() != null) {
            long total = Counts.read(response, spec.totalCount());
            long readSoFar = (long) (page - spec.firstPage() + 1) * pageSize;
            if (total >= 0 && readSoFar >= total) {
                return null;
            }
        }
        return Integer.toString(page + 1);
    }

    @Override
    public String repeated() {
        return "the same page of records under another page number";
    }

    /** Page numbers only grow: a server that ignores the page number (or repeats its last page) answers alike. */
    @Override
    public String repeatKey(String next, List<JsonNode> records) {
        return records.isEmpty() ? null : records.toString();
    }
}
