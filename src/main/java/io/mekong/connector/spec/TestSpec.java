package io.mekong.connector.spec;

/** The {@code test} block: a cheap request that proves the connection's address and credentials work. */
public record TestSpec(GraphqlSpec graphql) {

    public TestSpec {
        SpecProblem.require(graphql, "graphql");
    }
}
