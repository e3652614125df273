package io.mekong.connector.stream;

import io.mekong.connector.spec.PaginatorSpec;
import io.mekong.connector.spec.StreamSpec;

/** Builds the paginator a stream's {@code paginator} block declares. */
final class Paginators {

    private Paginators() {
    }

    static Paginator of(StreamSpec stream) {
        PaginatorSpec spec = stream.paginator();
        if (spec instanceof PaginatorSpec.GraphqlPageInfo pageInfo) {
            return new GraphqlPageInfoPaginator(pageInfo, stream.graphql().pageSize());
        }
        throw new IllegalArgumentException("no paginator for " + spec);
    }
}
