package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.spec.PaginatorSpec;
import java.util.List;

/** Offset and limit: the next offset is this one plus the records read; a short page or the total ends the run. */
public final class OffsetPaginator implements Paginator {

    private final PaginatorSpec.Offset spec;
    private final int pageSize;

    public OffsetPaginator(PaginatorSpec.Offset spec, int pageSize) {
        this.spec = spec;
        this.pageSize = pageSize;
    }

    @Override
    public void apply(PageRequest request, String position) {
        request.param(spec.offsetParam(), position == null ? "0" : position);
        request.param(spec.limitParam(), Integer.toString(pageSize));
    }

    @Override
    public String next(HttpResult response, List<JsonNode> records, String position) {
        long next = (position == null ? 0 : Long.parseLong(position)) + records.size();
        if (records.size() < pageSize) {
            return null;
        }
        if (spec.totalCount() != null) {
            long total = Counts.read(response, spec.totalCount());
            if (total >= 0 && next >= total) {
                return null;
            }
        }
        return Long.toString(next);
    }

    @Override
    public String repeated() {
        return "the same page of records at another offset";
    }

    /** Offsets only grow: a server that ignores the offset answers every page with the same records. */
    @Override
    public String repeatKey(String next, List<JsonNode> records) {
        return records.isEmpty() ? null : records.toString();
    }

    @Override
    public boolean beyondReach(String position) {
        return spec.maxOffset() != null && Long.parseLong(position) > spec.maxOffset();
    }
}
