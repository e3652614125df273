package io.mekong.connector.spec;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * One entry of {@code streams}: what to ask for, where the records are in the response, how to page and
 * how to read incrementally.
 *
 * @param entity     the entity the records are, e.g. {@code order} (names the mapping)
 * @param primaryKey record field that identifies a record within the stream
 * @param cursor     optional; without it every run reads everything
 */
public record StreamSpec(String entity, GraphqlSpec graphql, String recordSelector, String primaryKey,
                         PaginatorSpec paginator, CursorSpec cursor) {

    public StreamSpec {
        SpecProblem.require(entity, "entity");
        SpecProblem.require(graphql, "graphql");
        recordSelector = Pointers.check(recordSelector, "recordSelector");
        primaryKey = primaryKey == null ? "id" : primaryKey;
        SpecProblem.require(paginator, "paginator");
    }

    public JsonPointer recordPointer() {
        return JsonPointer.compile(recordSelector);
    }
}
