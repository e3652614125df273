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

    /**
     * A selected field as far as cost goes, resolved against the schema once per query shape so that pricing a
     * response does not look types up again.
     *
     * @param object     whether the field's (unwrapped) type is an object type; other fields are free
     * @param connection whether that type is a connection
     * @param list       whether the field is a list
     * @param bound      its {@code first} (else {@code last}) argument, null when it has neither
     */
    record Field(String resultKey, String name, boolean object, boolean connection, boolean list, Integer bound,
                 List<Field> children) {

        static List<Field> of(GraphQLSchema schema, List<ExecutableNormalizedField> fields) {
            return fields.stream().map(f -> of(schema, f)).toList();
        }

        private static Field of(GraphQLSchema schema, ExecutableNormalizedField field) {
            GraphQLType type = GraphQLTypeUtil.unwrapAll(field.getType(schema));
            Object first = field.getResolvedArguments().get("first");
            Object last = field.getResolvedArguments().get("last");
            Integer bound = first instanceof Integer n ? n : last instanceof Integer n ? n
                    : first != null || last != null ? Integer.valueOf(1) : null;
            return new Field(field.getResultKey(), field.getFieldName(), type instanceof GraphQLObjectType,
                    type instanceof GraphQLObjectType object && isConnection(object),
                    GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(field.getType(schema))), bound,
                    of(schema, field.getChildren()));
        }

        boolean bounded() {
            return bound != null;
        }

        int boundOrOne() {
            return bound == null ? 1 : bound;
        }
    }

    private QueryCost() {
    }

    static int requested(List<Field> fields) {
        int sum = 0;
        for (Field field : fields) {
            sum += requested(field);
        }
        return sum;
    }

    static int actual(List<Field> fields, Map<String, Object> data) {
        if (data == null) {
            return 0;
        }
        int sum = 0;
        for (Field field : fields) {
            sum += actual(field, data.get(field.resultKey()));
        }
        return sum;
    }

    private static int requested(Field field) {
        if (!field.object()) {
            return 0;
        }
        if (field.connection()) {
            return 2 + field.boundOrOne() * nodeCost(field.children(), true, null);
        }
        int one = 1 + requested(field.children());
        return field.list() && field.bounded() ? 2 + field.boundOrOne() * one : one;
    }

    private static int actual(Field field, Object value) {
        if (!field.object() || value == null) {
            return 0;
        }
        if (field.connection()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> connection = (Map<String, Object>) value;
            return 2 + nodeCost(field.children(), false, connection);
        }
        if (value instanceof Collection<?> list) {
            int sum = 0;
            for (Object element : list) {
                sum += objectCost(field.children(), element);
            }
            return field.bounded() ? 2 + sum : sum;
        }
        return objectCost(field.children(), value);
    }

    @SuppressWarnings("unchecked")
    private static int objectCost(List<Field> children, Object value) {
        return value == null ? 0 : 1 + actual(children, (Map<String, Object>) value);
    }

    /**
     * The cost of the nodes of a connection, selected through {@code nodes} or {@code edges { node }}: per node
     * when requested, summed over the returned nodes when actual. {@code pageInfo} and cursors are free.
     */
    @SuppressWarnings("unchecked")
    private static int nodeCost(List<Field> children, boolean requested, Map<String, Object> connection) {
        int cost = 0;
        for (Field child : children) {
            if (child.name().equals("nodes")) {
                int c = requested ? 1 + requested(child.children())
                        : sum(child.children(), (List<Object>) connection.get(child.resultKey()));
                cost = Math.max(cost, c);
            } else if (child.name().equals("edges")) {
                for (Field edgeField : child.children()) {
                    if (edgeField.name().equals("node")) {
                        int c = requested ? 1 + requested(edgeField.children())
                                : sum(edgeField.children(), nodesOfEdges(
                                (List<Map<String, Object>>) connection.get(child.resultKey()), edgeField));
                        cost = Math.max(cost, c);
                    }
                }
            }
        }
        return cost;
    }

    private static List<Object> nodesOfEdges(List<Map<String, Object>> edges, Field node) {
        return edges == null ? List.of() : edges.stream().map(e -> e.get(node.resultKey())).toList();
    }

    private static int sum(List<Field> children, List<Object> nodes) {
        int sum = 0;
        for (Object node : nodes == null ? List.of() : nodes) {
            sum += objectCost(children, node);
        }
        return sum;
    }

    static boolean isConnection(GraphQLObjectType type) {
        return type.getName().endsWith("Connection");
    }
}
