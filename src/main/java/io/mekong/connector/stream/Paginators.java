package io.mekong.connector.stream;

import io.mekong.connector.spec.PaginatorSpec;
import io.mekong.connector.spec.StreamSpec;

/** Builds the paginator a stream's {@code paginator} block declares. */
final class Paginators {

    private Paginators() {
    }

    static Paginator of(StreamSpec stream) {
        PaginatorSpec spec = stream.paginator();
        int size = stream.pageSize();
        if (spec instanceof PaginatorSpec.GraphqlPageInfo p) {
            return new GraphqlPageInfoPaginator(p, size);
        }
        if (spec instanceof PaginatorSpec.PageNumber p) {
            return new PageNumberPaginator(p, size);
        }
        if (spec instanceof PaginatorSpec.Offset p) {
            return new OffsetPaginator(p, size);
        }
        if (spec instanceof PaginatorSpec.CursorToken p) {
            return new CursorTokenPaginator(p, size);
        }
        if (spec instanceof PaginatorSpec.StartingAfter p) {
            return new StartingAfterPaginator(p, size);
        }
        return new LinkHeaderPaginator((PaginatorSpec.LinkHeader) spec, size);
    }
}
