package io.mekong.connector.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonPointer;

/** A stream's {@code paginator} block: how the next page is asked for, and when there is none. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PaginatorSpec.GraphqlPageInfo.class, name = "graphqlPageInfo"),
        @JsonSubTypes.Type(value = PaginatorSpec.PageNumber.class, name = "pageNumber"),
        @JsonSubTypes.Type(value = PaginatorSpec.Offset.class, name = "offset"),
        @JsonSubTypes.Type(value = PaginatorSpec.CursorToken.class, name = "cursorToken"),
        @JsonSubTypes.Type(value = PaginatorSpec.StartingAfter.class, name = "startingAfter"),
        @JsonSubTypes.Type(value = PaginatorSpec.LinkHeader.class, name = "linkHeader")})
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

    /**
     * Numbered pages (Magento {@code searchCriteria[currentPage]}). The last page is the one that is short, or,
     * with {@code totalCount}, the one where page × size reaches the total: never "until an empty page", since
     * some servers answer a page past the end with the last page again.
     */
    record PageNumber(String pageParam, String sizeParam, Integer firstPage, String totalCount) implements PaginatorSpec {
        public PageNumber {
            SpecProblem.require(pageParam, "pageParam");
            SpecProblem.require(sizeParam, "sizeParam");
            firstPage = firstPage == null ? 1 : firstPage;
            totalCount = totalCount == null ? null : Pointers.check(totalCount, "totalCount");
        }
    }

    /**
     * Offset and limit (Lazada, Odoo): the next offset is this one plus the records read; stops on a short page or at
     * {@code totalCount}. {@code maxOffset} is the largest offset the server accepts: past it, a stream with a cursor
     * starts its filter again from the latest cursor value read (Lazada's advice: slide {@code update_after}).
     */
    record Offset(String offsetParam, String limitParam, String totalCount, Long maxOffset) implements PaginatorSpec {
        public Offset {
            offsetParam = offsetParam == null ? "offset" : offsetParam;
            limitParam = limitParam == null ? "limit" : limitParam;
            totalCount = totalCount == null ? null : Pointers.check(totalCount, "totalCount");
            if (maxOffset != null && maxOffset < 0) {
                throw new SpecProblem("maxOffset", "must not be negative");
            }
        }
    }

    /** An opaque next-page token in the body (Shopee {@code next_cursor} with {@code more}). */
    record CursorToken(String cursorParam, String sizeParam, String nextCursor, String hasMore) implements PaginatorSpec {
        public CursorToken {
            SpecProblem.require(cursorParam, "cursorParam");
            nextCursor = Pointers.check(nextCursor, "nextCursor");
            hasMore = hasMore == null ? null : Pointers.check(hasMore, "hasMore");
        }
    }

    /** Stripe lists: {@code starting_after} = the last record's id while {@code has_more} is true. */
    record StartingAfter(String param, String sizeParam, String hasMore, String idField) implements PaginatorSpec {
        public StartingAfter {
            param = param == null ? "starting_after" : param;
            sizeParam = sizeParam == null ? "limit" : sizeParam;
            hasMore = Pointers.check(hasMore == null ? "/has_more" : hasMore, "hasMore");
            idField = idField == null ? "id" : idField;
        }
    }

    /**
     * RFC 8288 {@code Link: <...>; rel="next"} (Shopify REST, GitHub): the next request's query is exactly the
     * link's, since such servers refuse the original filters next to their page token.
     */
    record LinkHeader(String sizeParam) implements PaginatorSpec {
    }
}
