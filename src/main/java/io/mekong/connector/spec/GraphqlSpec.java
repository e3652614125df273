package io.mekong.connector.spec;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

/**
 * A GraphQL operation sent as {@code {"query": ..., "variables": ...}} to the requester's path.
 *
 * @param pageSize value of the paginator's page-size variable; unused by the {@code test} request
 */
public record GraphqlSpec(String query, Integer pageSize) {

    public GraphqlSpec {
        SpecProblem.require(query, "query");
        try {
            Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            throw new SpecProblem("query", "is not valid GraphQL: " + e.getMessage());
        }
        pageSize = pageSize == null ? 50 : pageSize;
        if (pageSize < 1) {
            throw new SpecProblem("pageSize", "must be at least 1 (was " + pageSize + ")");
        }
    }
}
