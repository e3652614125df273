package io.mekong.connector.spec;

/**
 * The {@code test} block: a cheap request that proves the connection's address and credentials work, either a
 * GraphQL query ({@code graphql}) or a REST request ({@code request}: method, path and fixed params).
 */
public record TestSpec(GraphqlSpec graphql, RequestSpec request) {

    public TestSpec {
        if ((graphql == null) == (request == null)) {
            throw new SpecProblem(graphql == null ? "graphql" : "request", graphql == null
                    ? "needs a graphql query or a REST request" : "give either a graphql query or a REST request, not both");
        }
    }
}
