package io.mekong.connector.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonPointer;

/** A stream's {@code paginator} block: how the next page is asked for. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes(@JsonSubTypes.Type(value = PaginatorSpec.GraphqlPageInfo.class, name = "graphqlPageInfo"))
public sealed interface PaginatorSpec {

    /**
     * Relay-style connections: {@code pageInfo {hasNextPage endCursor}}; the end cursor goes into the
     * {@code after} variable, the stream's page size into {@code first}.
     */
    record GraphqlPageInfo(String pageInfo, String afterVariable, String pageSizeVariable) implements PaginatorSpec {
        public GraphqlPageInfo {
            pageInfo = Pointers.check(pageInfo, "pageInfo");
            afterVariable = afterVariable == null ? "after" : afterVariable;
            pageSizeVariable = pageSizeVariable == null ? "first" : pageSizeVariable;
        }

        public JsonPointer pageInfoPointer() {
            return JsonPointer.compile(pageInfo);
        }
    }
}
