package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.spec.PaginatorSpec;
import java.util.List;

/** Stripe lists: while {@code has_more}, the next page starts after the last record's id. */
public final class StartingAfterPaginator implements Paginator {

    private final PaginatorSpec.StartingAfter spec;
    private final int pageSize;

    public StartingAfterPaginator(PaginatorSpec.StartingAfter spec, int pageSize) {
        this.spec = spec;
        this.pageSize = pageSize;
    }

    @Override
    public void apply(PageRequest request, String position) {
        request.param(spec.sizeParam(), Integer.toString(pageSize));
        if (position != null) {
            request.param(spec.param(), position);
        }
    }

    @Override
    public String next(HttpResult response, List<JsonNode> records, String position) {
        if (records.isEmpty() || !Counts.flag(response, spec.hasMore())) {
            return null;
        }
        JsonNode last = records.get(records.size() - 1).get(spec.idField());
        return last == null || !last.isTextual() ? null : last.asText();
    }

    @Override
    public String repeated() {
        return "the same last record (" + spec.idField() + ") to start the next page after";
    }
}
