package io.mekong.connector.spec;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonPointer;
import java.util.List;

/**
 * One entry of {@code streams}: what to ask for (a GraphQL operation or a REST request), where the records
 * are in the response, how to page and how to read incrementally.
 *
 * @param entity     the entity the records are, e.g. {@code order} (names the mapping)
 * @param primaryKey record field that identifies a record within the stream
 * @param cursor     optional; without it every run reads everything
 * @param window     optional, instead of cursor: incremental reads through capped time ranges
 * @param details    optional: endpoints that complete the listed records, a batch of keys at a time, applied in
 *                   order (written as one block or a list of blocks)
 * @param coerce     optional; scalars sent as strings turned into what they are (applied after details)
 * @param lookup     optional: how to read given records again by key (webhooks that carry only ids)
 * @param sweep      optional: finds records the system deleted without saying so
 * @param children   optional: one request per record after the details, its answer attached to the record
 * @param responseFilters optional: how the list requests' responses are treated (before the requester's)
 */
public record StreamSpec(String entity, GraphqlSpec graphql, RequestSpec request, String recordSelector,
                         String primaryKey, PaginatorSpec paginator, CursorSpec cursor, WindowSpec window,
                         @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<DetailsSpec> details,
                         CoerceSpec coerce, LookupSpec lookup,
                         SweepSpec sweep, List<ChildSpec> children, List<ResponseFilterSpec> responseFilters) {

    public StreamSpec {
        SpecProblem.require(entity, "entity");
        if ((graphql == null) == (request == null)) {
            throw new SpecProblem(graphql == null ? "request" : "graphql",
                    graphql == null ? "is required (or graphql)" : "and request are exclusive: a stream is one or the other");
        }
        if (request != null && paginator instanceof PaginatorSpec.GraphqlPageInfo) {
            throw new SpecProblem("paginator.type", "graphqlPageInfo pages GraphQL streams; this stream has a REST request");
        }
        if (graphql != null && paginator != null && !(paginator instanceof PaginatorSpec.GraphqlPageInfo)) {
            throw new SpecProblem("paginator.type", "a GraphQL stream pages with graphqlPageInfo");
        }
        details = details == null ? List.of() : List.copyOf(details);
        responseFilters = responseFilters == null ? List.of() : List.copyOf(responseFilters);
        children = children == null ? List.of() : List.copyOf(children);
        if (!children.isEmpty() && request == null) {
            throw new SpecProblem("children", "is for REST streams");
        }
        if (!details.isEmpty() && request == null) {
            throw new SpecProblem("details", "is for REST streams");
        }
        if (window != null && (cursor != null || request == null)) {
            throw new SpecProblem("window", cursor != null ? "and cursor are exclusive: the window's range is the filter"
                    : "is for REST streams");
        }
        if (cursor != null && request != null && !cursor.rest()) {
            throw new SpecProblem("cursor.filterParam", "or filterParams is required for a REST stream (where the filter goes)");
        }
        if (cursor != null && graphql != null && cursor.rest()) {
            throw new SpecProblem("cursor.filterParam", "is for REST streams; a GraphQL stream uses filterVariable");
        }
        if (lookup != null && (lookup.field() != null) != (graphql != null)) {
            throw new SpecProblem(lookup.field() != null ? "lookup.field" : "lookup.request",
                    graphql != null ? "a GraphQL stream looks records up with field" : "a REST stream looks records up with request");
        }
        if (sweep != null && (request == null || window != null)) {
            throw new SpecProblem("sweep", request == null ? "is for REST streams"
                    : "lists every key, which a windowed stream can only do window by window since its start");
        }
        if (sweep != null && !canLookUp(lookup, details)) {
            throw new SpecProblem("sweep", "needs a lookup, to confirm that a record missing from the list is gone");
        }
        recordSelector = Pointers.check(recordSelector, "recordSelector");
        primaryKey = primaryKey == null ? "id" : primaryKey;
        SpecProblem.require(paginator, "paginator");
    }

    /** Records per page the stream asks for. */
    public int pageSize() {
        return graphql != null ? graphql.pageSize() : request.pageSize();
    }

    /** Whether records of this stream can be read again by key (see {@link LookupSpec}). */
    public boolean canLookUp() {
        return canLookUp(lookup, details);
    }

    /** With a lookup block, or details whose first block replaces the listed records (then keys alone will do). */
    private static boolean canLookUp(LookupSpec lookup, List<DetailsSpec> details) {
        return lookup != null || !details.isEmpty() && details.get(0).attachAs() == null;
    }

    public JsonPointer recordPointer() {
        return Pointers.compile(recordSelector);
    }
}
