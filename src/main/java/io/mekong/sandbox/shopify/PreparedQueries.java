package io.mekong.sandbox.shopify;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parsed and validated documents by query text, and their limits and requested cost by the variables that shape
 * them: a sync client sends the same few queries thousands of times with only the cursor changing, and parsing,
 * validating and normalising a large query costs far more than answering it. Also serves the documents to
 * graphql-java's execution so it does not parse them again.
 */
final class PreparedQueries implements PreparsedDocumentProvider {

    /** Past this many entries a cache starts over: clients send few distinct queries; this bounds odd ones. */
    private static final int MAX_ENTRIES = 512;

    /** A query text, parsed and validated: the document, or the errors that reject it. */
    record Prepared(String query, PreparsedDocumentEntry entry, List<Map<String, Object>> errors,
                    Set<String> shapeVariables) {
    }

    /** What the page-limit checks and cost depend on: errors, the cost-relevant field tree, requested cost. */
    record Plan(List<Map<String, Object>> errors, List<QueryCost.Field> cost, int requested) {
    }

    @FunctionalInterface
    interface Planner {
        Plan plan(Document document, String operationName, Map<String, Object> variables);
    }

    private record PlanKey(String query, String operationName, Map<String, Object> shape) {
    }

    private final GraphQLSchema schema;
    private final Map<String, Prepared> documents = new ConcurrentHashMap<>();
    private final Map<PlanKey, Plan> plans = new ConcurrentHashMap<>();

    PreparedQueries(GraphQLSchema schema) {
        this.schema = schema;
    }

    Prepared prepare(String query) {
        return cached(documents, query, this::parseAndValidate);
    }

    /**
     * The plan for {@code variables}, computed by {@code planner} on the first request of its shape. A planner
     * that throws (variables that do not fit the operation) caches nothing.
     */
    Plan plan(Prepared prepared, String operationName, Map<String, Object> variables, Planner planner) {
        Map<String, Object> shape = new HashMap<>();
        for (String name : prepared.shapeVariables()) {
            if (variables.containsKey(name)) {
                shape.put(name, variables.get(name));
            }
        }
        return cached(plans, new PlanKey(prepared.query(), operationName, shape),
                key -> planner.plan(prepared.entry().getDocument(), operationName, variables));
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Prepared prepared = documents.get(input.getQuery());
        return CompletableFuture.completedFuture(prepared != null && prepared.errors().isEmpty()
                ? prepared.entry() : parseAndValidate.apply(input));
    }

    private Prepared parseAndValidate(String query) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return new Prepared(query, null, List.of(e.toInvalidSyntaxError().toSpecification()), Set.of());
        }
        List<Map<String, Object>> invalid = ParseAndValidate.validate(schema, document).stream()
                .map(GraphQLError::toSpecification).toList();
        Set<String> shapeVariables = new HashSet<>();
        collectShapeVariables(document, false, shapeVariables);
        return new Prepared(query, new PreparsedDocumentEntry(document), invalid, Set.copyOf(shapeVariables));
    }

    /**
     * The variables that decide which fields are selected ({@code @include}/{@code @skip}) or how many of them
     * are charged ({@code first}/{@code last}); the others (cursors, search queries) do not change a plan.
     */
    private static void collectShapeVariables(Node<?> node, boolean shaping, Set<String> into) {
        if (shaping && node instanceof VariableReference variable) {
            into.add(variable.getName());
        }
        boolean inside = shaping || node instanceof Directive
                || node instanceof Argument argument && List.of("first", "last").contains(argument.getName());
        for (Node<?> child : node.getChildren()) {
            collectShapeVariables(child, inside, into);
        }
    }

    private static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> compute) {
        V value = cache.get(key);
        if (value != null) {
            return value;
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        return cache.computeIfAbsent(key, compute);
    }
}
