package io.mekong.sandbox.shopify;

import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Shopify's calculated query cost (shopify.dev, "GraphQL Admin API rate limits"): scalars and enums cost 0, an
 * object 1 plus its selections, a connection 2 plus {@code first} (or {@code last}) times the cost of one node,
 * and a list bounded by {@code first} is charged like a connection. The requested cost is computed from the
 * query before execution; the actual cost from what was returned (null objects cost nothing, connections are
 * charged for the nodes they returned).
 */
final class QueryCost {

    private QueryCost() {
    }

    static int requested(GraphQLSchema schema, List<ExecutableNormalizedField> fields) {
        return fields.stream().mapToInt(f -> requested(schema, f)).sum();
    }

    static int actual(GraphQLSchema schema, List<ExecutableNormalizedField> fields, Map<String, Object> data) {
        if (data == null) {
            return 0;
        }
        return fields.stream().mapToInt(f -> actual(schema, f, data.get(f.getResultKey()))).sum();
    }

    private static int requested(GraphQLSchema schema, ExecutableNormalizedField field) {
        GraphQLType type = GraphQLTypeUtil.unwrapAll(field.getType(schema));
        if (!(type instanceof GraphQLObjectType object)) {
            return 0;
        }
        if (isConnection(object)) {
            return 2 + bound(field) * nodeCost(schema, field.getChildren(), true, null);
        }
        int one = 1 + requested(schema, field.getChildren());
        return isList(schema, field) ? 2 + bound(field) * one : one;
    }

    private static int actual(GraphQLSchema schema, ExecutableNormalizedField field, Object value) {
        GraphQLType type = GraphQLTypeUtil.unwrapAll(field.getType(schema));
        if (!(type instanceof GraphQLObjectType object) || value == null) {
            return 0;
        }
        if (isConnection(object)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> connection = (Map<String, Object>) value;
            return 2 + nodeCost(schema, field.getChildren(), false, connection);
        }
        if (value instanceof Collection<?> list) {
            int sum = 0;
            for (Object element : list) {
                sum += objectCost(schema, field.getChildren(), element);
            }
            return isBounded(field) ? 2 + sum : sum;
        }
        return objectCost(schema, field.getChildren(), value);
    }

    @SuppressWarnings("unchecked")
    private static int objectCost(GraphQLSchema schema, List<ExecutableNormalizedField> children, Object value) {
        return value == null ? 0 : 1 + actual(schema, children, (Map<String, Object>) value);
    }

    /**
     * The cost of the nodes of a connection, selected through {@code nodes} or {@code edges { node }}: per node
     * when requested, summed over the returned nodes when actual. {@code pageInfo} and cursors are free.
     */
    @SuppressWarnings("unchecked")
    private static int nodeCost(GraphQLSchema schema, List<ExecutableNormalizedField> children, boolean requested,
                                Map<String, Object> connection) {
        int cost = 0;
        for (ExecutableNormalizedField child : children) {
            if (child.getFieldName().equals("nodes")) {
                int c = requested ? 1 + requested(schema, child.getChildren())
                        : sum(schema, child.getChildren(), (List<Object>) connection.get(child.getResultKey()));
                cost = Math.max(cost, c);
            } else if (child.getFieldName().equals("edges")) {
                for (ExecutableNormalizedField edgeField : child.getChildren()) {
                    if (edgeField.getFieldName().equals("node")) {
                        int c = requested ? 1 + requested(schema, edgeField.getChildren())
                                : sum(schema, edgeField.getChildren(), nodesOfEdges(
                                (List<Map<String, Object>>) connection.get(child.getResultKey()), edgeField));
                        cost = Math.max(cost, c);
                    }
                }
            }
        }
        return cost;
    }

    private static List<Object> nodesOfEdges(List<Map<String, Object>> edges, ExecutableNormalizedField node) {
        return edges == null ? List.of() : edges.stream().map(e -> e.get(node.getResultKey())).toList();
    }

    private static int sum(GraphQLSchema schema, List<ExecutableNormalizedField> children, List<Object> nodes) {
        int sum = 0;
        for (Object node : nodes == null ? List.of() : nodes) {
            sum += objectCost(schema, children, node);
        }
        return sum;
    }

    static boolean isConnection(GraphQLObjectType type) {
        return type.getName().endsWith("Connection");
    }

    private static boolean isList(GraphQLSchema schema, ExecutableNormalizedField field) {
        return GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(field.getType(schema))) && isBounded(field);
    }

    private static boolean isBounded(ExecutableNormalizedField field) {
        return field.getResolvedArguments().get("first") != null || field.getResolvedArguments().get("last") != null;
    }

    private static int bound(ExecutableNormalizedField field) {
        Object first = field.getResolvedArguments().get("first");
        Object last = field.getResolvedArguments().get("last");
        return first instanceof Integer n ? n : last instanceof Integer n ? n : 1;
    }
}
