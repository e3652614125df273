package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.spec.PaginatorSpec;
import java.util.List;

/** Relay connections: {@code pageInfo{hasNextPage endCursor}}; the end cursor becomes the {@code after} variable. */
public final class GraphqlPageInfoPaginator implements Paginator {

    private final PaginatorSpec.GraphqlPageInfo spec;
    private final int pageSize;

    public GraphqlPageInfoPaginator(PaginatorSpec.GraphqlPageInfo spec, int pageSize) {
        this.spec = spec;
        this.pageSize = pageSize;
    }

    @Override
    public void apply(PageRequest request, String position) {
        request.variables().put(spec.pageSizeVariable(), pageSize);
        if (position == null) {
            request.variables().putNull(spec.afterVariable());
        } else {
            request.variables().put(spec.afterVariable(), position);
        }
    }

    @Override
    public String next(HttpResult response, List<JsonNode> records, String position) {
        JsonNode pageInfo = response.json().at(spec.pageInfoPointer());
        if (!pageInfo.path("hasNextPage").asBoolean(false)) {
            return null;
        }
        JsonNode end = pageInfo.path("endCursor");
        return end.isTextual() && !end.asText().isEmpty() ? end.asText() : null;
    }

    @Override
    public String repeated() {
        return "the same end cursor (pageInfo.endCursor)";
    }
}
