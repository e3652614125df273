package io.mekong.connector.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

class LookupQueryTest {

    @Test
    void readsEachIdWithTheSelectionTheStreamReadsPerRecord() {
        LookupQuery query = new LookupQuery("""
                query Orders($first: Int!, $after: String) {
                  orders(first: $first, after: $after) { nodes { id name lineItems(first: 20) { nodes { id } } } pageInfo { hasNextPage endCursor } }
                }""", "order");

        String operation = query.operation(2);

        assertThat(operation.replaceAll("\\s+", " "))
                .startsWith("query Lookup($r0: ID!, $r1: ID!) {")
                .contains("r0: order(id: $r0) { id name lineItems(first: 20) { nodes { id } } }")
                .contains("r1: order(id: $r1) {")
                .doesNotContain("pageInfo");
        Parser.parse(operation);
    }

    @Test
    void takesEdgesNodeAndKeepsTheFragmentsItUses() {
        LookupQuery query = new LookupQuery("""
                query { customers(first: 5) { edges { node { ...C } } } }
                fragment C on Customer { id email }""", "customer");

        String operation = query.operation(1);

        assertThat(operation.replaceAll("\\s+", " ")).contains("r0: customer(id: $r0) { ...C }").contains("fragment C on Customer");
        Parser.parse(operation);
    }

    @Test
    void aQueryWithoutARecordSelectionCannotBeLookedUp() {
        assertThatThrownBy(() -> new LookupQuery("query { shop { name } }", "shop"))
                .hasMessageContaining("reads neither shop.nodes nor shop.edges.node");
    }
}
