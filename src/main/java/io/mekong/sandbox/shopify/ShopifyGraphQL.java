package io.mekong.sandbox.shopify;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.RawVariables;
import graphql.language.Document;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one GraphQL request against one shop as the Admin API does: limits, requested cost, the shop's leaky
 * bucket, execution, actual cost and the {@code extensions.cost} block.
 */
public final class ShopifyGraphQL {

    /** The answer: HTTP status and the JSON body as maps and lists. */
    public record Result(int status, Map<String, Object> body) {
    }

    static final String RATE_LIMITS_DOC = "https://shopify.dev/api/usage/rate-limits";
    private static final int MAX_PAGE = 250;

    private final GraphQLSchema schema;
    private final PreparedQueries queries;
    private final GraphQL graphQL;
    private final int maxQueryCost;
    private final int throttledStatus;

    /**
     * @param maxQueryCost    the single-query limit (Shopify: 1000)
     * @param throttledStatus HTTP status of a THROTTLED answer (Shopify answers 200; some observe 429)
     */
    public ShopifyGraphQL(int maxQueryCost, int throttledStatus) {
        this.schema = ShopifySchema.load();
        this.queries = new PreparedQueries(schema);
        this.graphQL = GraphQL.newGraphQL(schema).preparsedDocumentProvider(queries).build();
        this.maxQueryCost = maxQueryCost;
        this.throttledStatus = throttledStatus;
    }

    public Result execute(ShopifyShop shop, String query, Map<String, Object> variables, String operationName) {
        if (query == null || query.isBlank()) {
            return errors(List.of(error("No query string was present", null)));
        }
        PreparedQueries.Prepared prepared = queries.prepare(query);
        if (!prepared.errors().isEmpty()) {
            return errors(prepared.errors());
        }
        PreparedQueries.Plan plan;
        try {
            plan = queries.plan(prepared, operationName, variables, this::plan);
        } catch (RuntimeException e) {
            return errors(List.of(error(e.getMessage(), null)));
        }
        if (!plan.errors().isEmpty()) {
            return errors(plan.errors());
        }
        int requested = plan.requested();
        if (requested > maxQueryCost) {
            return errors(List.of(maxCostExceeded(requested)));
        }
        if (!shop.bucket().tryTake(requested)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errors", List.of(error("Throttled", Map.of("code", "THROTTLED", "documentation", RATE_LIMITS_DOC))));
            body.put("extensions", Map.of("cost", cost(shop, requested, null)));
            return new Result(throttledStatus, body);
        }
        shop.beforeRequest();
        ExecutionResult result = shop.read(() -> graphQL.execute(ExecutionInput.newExecutionInput()
                .query(query).variables(variables).operationName(operationName)
                .graphQLContext(Map.of(ShopifyShop.class, shop)).build()));
        Map<String, Object> data = result.getData();
        int actual = Math.min(requested, QueryCost.actual(plan.cost(), data));
        shop.bucket().refund(requested - actual);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        if (!result.getErrors().isEmpty()) {
            body.put("errors", result.getErrors().stream().map(GraphQLError::toSpecification).toList());
        }
        body.put("extensions", Map.of("cost", cost(shop, requested, actual)));
        return new Result(200, body);
    }

    /** Limits and requested cost of one operation of a valid document, for the variables that shape it. */
    private PreparedQueries.Plan plan(Document document, String operationName, Map<String, Object> variables) {
        ExecutableNormalizedOperation operation = ExecutableNormalizedOperationFactory
                .createExecutableNormalizedOperationWithRawVariables(schema, document, operationName,
                        RawVariables.of(variables));
        List<QueryCost.Field> cost = QueryCost.Field.of(schema, operation.getTopLevelFields());
        return new PreparedQueries.Plan(pageLimitErrors(operation.getTopLevelFields()), cost,
                QueryCost.requested(cost));
    }

    private List<Map<String, Object>> pageLimitErrors(List<ExecutableNormalizedField> fields) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ExecutableNormalizedField field : fields) {
            Map<String, Object> args = field.getResolvedArguments();
            for (String bound : List.of("first", "last")) {
                if (args.get(bound) instanceof Integer n && (n > MAX_PAGE || n < 0)) {
                    errors.add(error("The " + bound + " argument must be between 0 and " + MAX_PAGE + ", got " + n
                            + ".", Map.of("code", "BAD_REQUEST")));
                }
            }
            if (GraphQLTypeUtil.unwrapAll(field.getType(schema)) instanceof GraphQLObjectType type
                    && QueryCost.isConnection(type) && args.get("first") == null && args.get("last") == null) {
                errors.add(error("you must provide one of first or last", Map.of("code", "BAD_REQUEST")));
            }
            errors.addAll(pageLimitErrors(field.getChildren()));
        }
        return errors;
    }

    private Map<String, Object> maxCostExceeded(int requested) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", "MAX_COST_EXCEEDED");
        extensions.put("cost", requested);
        extensions.put("maxCost", maxQueryCost);
        extensions.put("documentation", RATE_LIMITS_DOC);
        return error("Query cost is " + requested + ", which exceeds the single query max cost limit ("
                + maxQueryCost + ").", extensions);
    }

    private static Map<String, Object> cost(ShopifyShop shop, int requested, Integer actual) {
        Map<String, Object> throttle = new LinkedHashMap<>();
        throttle.put("maximumAvailable", shop.bucket().maximum());
        throttle.put("currentlyAvailable", Math.floor(shop.bucket().available()));
        throttle.put("restoreRate", shop.bucket().restoreRate());
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", actual);
        cost.put("throttleStatus", throttle);
        return cost;
    }

    private static Result errors(List<Map<String, Object>> errors) {
        return new Result(200, Map.of("errors", errors));
    }

    private static Map<String, Object> error(String message, Map<String, Object> extensions) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (extensions != null) {
            error.put("extensions", extensions);
        }
        return error;
    }
}
