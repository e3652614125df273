package io.mekong.sandbox.shopify;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeRuntimeWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** The executable schema: the contract SDL wired to the in-memory shop found in the GraphQL context. */
final class ShopifySchema {

    static final String SDL = "/sandbox/shopify/admin-2025-10.graphqls";

    private ShopifySchema() {
    }

    static GraphQLSchema load() {
        TypeDefinitionRegistry types = new SchemaParser().parse(read());
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        ShopifyScalars.all().forEach(wiring::scalar);
        wiring.type(TypeRuntimeWiring.newTypeWiring("QueryRoot")
                .dataFetcher("shop", env -> ShopInfo.of(shop(env).settings()))
                .dataFetcher("customers", env -> top(env, customers(env)))
                .dataFetcher("orders", env -> top(env, orders(env)))
                .dataFetcher("products", env -> top(env, products(env)))
                .dataFetcher("customer", env -> byGid(env, "Customer", shop(env)::customer))
                .dataFetcher("order", env -> byGid(env, "Order", shop(env)::order))
                .dataFetcher("product", env -> byGid(env, "Product", shop(env)::product)));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Customer")
                .dataFetcher("numberOfOrders", env -> ordersOf(env).size())
                .dataFetcher("amountSpent", env -> amountSpent(env))
                .dataFetcher("addresses", env -> limit(env, ((Customer) env.getSource()).addresses)));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Order")
                .dataFetcher("customer", env -> {
                    Long id = ((Order) env.getSource()).customerId;
                    return id == null ? null : shop(env).customer(id);
                })
                .dataFetcher("lineItems", env -> positional(env, ((Order) env.getSource()).lineItems))
                .dataFetcher("refunds", env -> limit(env, ((Order) env.getSource()).refunds))
                .dataFetcher("transactions", env -> limit(env, ((Order) env.getSource()).transactions)));
        wiring.type(TypeRuntimeWiring.newTypeWiring("LineItem")
                .dataFetcher("product", env -> lookup(((LineItem) env.getSource()).productId(), shop(env)::product))
                .dataFetcher("variant", env -> lookup(((LineItem) env.getSource()).variantId(), shop(env)::variant)));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Refund")
                .dataFetcher("refundLineItems", env -> positional(env, ((Refund) env.getSource()).refundLineItems()))
                .dataFetcher("transactions", env -> positional(env, ((Refund) env.getSource()).transactions())));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Product")
                .dataFetcher("variants", env -> positional(env, ((Product) env.getSource()).variants)));
        wiring.type(TypeRuntimeWiring.newTypeWiring("ProductVariant")
                .dataFetcher("product", env -> shop(env).product(((ProductVariant) env.getSource()).productId)));
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
        return withIds(schema);
    }

    /** {@code id} becomes a GID named after the GraphQL type, {@code legacyResourceId} the bare number. */
    private static GraphQLSchema withIds(GraphQLSchema schema) {
        var code = schema.getCodeRegistry().transform(registry -> {
            for (var type : schema.getAllTypesAsList()) {
                if (type instanceof GraphQLObjectType object && !object.getName().startsWith("__")) {
                    for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                        if (field.getName().equals("id")) {
                            registry.dataFetcher(object, field,
                                    env -> Gid.of(object.getName(), ((Identified) env.getSource()).id()));
                        } else if (field.getName().equals("legacyResourceId")) {
                            registry.dataFetcher(object, field, env -> ((Identified) env.getSource()).id());
                        }
                    }
                }
            }
        });
        return schema.transform(builder -> builder.codeRegistry(code));
    }

    // ---------- root connections ----------

    private static Map<String, Object> top(DataFetchingEnvironment env, Map<String, Object> connection) {
        @SuppressWarnings("unchecked")
        List<Identified> nodes = (List<Identified>) connection.get("nodes");
        shop(env).pageServed(nodes);
        return connection;
    }

    private static Map<String, Object> customers(DataFetchingEnvironment env) {
        ShopifyShop shop = shop(env);
        Predicate<Customer> filter = SearchQuery.parse(env.getArgument("query")).predicate(shop.settings().timezone(),
                Map.of("updated_at", c -> c.updatedAt, "created_at", c -> c.createdAt),
                Map.of("email", v -> c -> c.email != null && c.email.equalsIgnoreCase(v),
                        "id", v -> c -> String.valueOf(c.id).equals(v)));
        Connections.Order<Customer> order = switch (sortKey(env, "ID")) {
            case "UPDATED_AT" -> new Connections.Order<>(c -> c.updatedAt.toEpochSecond(), true, reverse(env));
            case "CREATED_AT" -> new Connections.Order<>(c -> c.createdAt.toEpochSecond(), true, reverse(env));
            default -> Connections.Order.byId(reverse(env));
        };
        return Connections.page(filtered(shop.customers(), filter), order, window(env));
    }

    private static Map<String, Object> orders(DataFetchingEnvironment env) {
        ShopifyShop shop = shop(env);
        Predicate<Order> filter = SearchQuery.parse(env.getArgument("query")).predicate(shop.settings().timezone(),
                Map.of("updated_at", o -> o.updatedAt, "created_at", o -> o.createdAt,
                        "processed_at", o -> o.processedAt),
                Map.of("status", ShopifySchema::orderStatus,
                        "email", v -> o -> o.email != null && o.email.equalsIgnoreCase(v),
                        "id", v -> o -> String.valueOf(o.id).equals(v)));
        Connections.Order<Order> order = switch (sortKey(env, "PROCESSED_AT")) {
            case "UPDATED_AT" -> new Connections.Order<>(o -> o.updatedAt.toEpochSecond(), true, reverse(env));
            case "CREATED_AT" -> new Connections.Order<>(o -> o.createdAt.toEpochSecond(), true, reverse(env));
            case "PROCESSED_AT" -> new Connections.Order<>(o -> o.processedAt.toEpochSecond(), true, reverse(env));
            default -> Connections.Order.byId(reverse(env));
        };
        return Connections.page(filtered(shop.orders(), filter), order, window(env));
    }

    private static Predicate<Order> orderStatus(String status) {
        return switch (status.toLowerCase(java.util.Locale.ROOT)) {
            case "open" -> Order::isOpen;
            case "closed" -> o -> o.closedAt != null;
            case "cancelled" -> o -> o.cancelledAt != null;
            case "not_closed" -> o -> o.closedAt == null;
            default -> o -> true;
        };
    }

    private static Map<String, Object> products(DataFetchingEnvironment env) {
        ShopifyShop shop = shop(env);
        Predicate<Product> filter = SearchQuery.parse(env.getArgument("query")).predicate(shop.settings().timezone(),
                Map.of("updated_at", p -> p.updatedAt, "created_at", p -> p.createdAt),
                Map.of("status", v -> p -> List.of(v.toUpperCase(java.util.Locale.ROOT).split(",")).contains(p.status),
                        "id", v -> p -> String.valueOf(p.id).equals(v)));
        Connections.Order<Product> order = switch (sortKey(env, "ID")) {
            case "UPDATED_AT" -> new Connections.Order<>(p -> p.updatedAt.toEpochSecond(), true, reverse(env));
            case "CREATED_AT" -> new Connections.Order<>(p -> p.createdAt.toEpochSecond(), true, reverse(env));
            default -> Connections.Order.byId(reverse(env));
        };
        return Connections.page(filtered(shop.products(), filter), order, window(env));
    }

    // ---------- helpers ----------

    static ShopifyShop shop(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(ShopifyShop.class);
    }

    private static <T> List<T> filtered(Collection<T> rows, Predicate<T> filter) {
        return rows.stream().filter(filter).toList();
    }

    private static String sortKey(DataFetchingEnvironment env, String fallback) {
        Object key = env.getArgument("sortKey");
        return key == null ? fallback : key.toString();
    }

    private static boolean reverse(DataFetchingEnvironment env) {
        return Boolean.TRUE.equals(env.getArgument("reverse"));
    }

    private static Connections.Window window(DataFetchingEnvironment env) {
        return new Connections.Window(env.getArgument("first"), env.getArgument("after"), env.getArgument("last"),
                env.getArgument("before"));
    }

    private static <T extends Identified> Map<String, Object> positional(DataFetchingEnvironment env, List<T> rows) {
        return Connections.page(rows, Connections.Order.byPosition(rows), window(env));
    }

    private static <T> List<T> limit(DataFetchingEnvironment env, List<T> rows) {
        Integer first = env.getArgument("first");
        return first == null || first >= rows.size() ? List.copyOf(rows) : List.copyOf(rows.subList(0, first));
    }

    private static <T> T byGid(DataFetchingEnvironment env, String type, Function<Long, T> finder) {
        return Gid.parse(env.getArgument("id"), type).map(finder).orElse(null);
    }

    private static <T> T lookup(Long id, Function<Long, T> finder) {
        return id == null ? null : finder.apply(id);
    }

    private static List<Order> ordersOf(DataFetchingEnvironment env) {
        long id = ((Customer) env.getSource()).id;
        List<Order> orders = new ArrayList<>();
        for (Order o : shop(env).orders()) {
            if (o.customerId != null && o.customerId == id) {
                orders.add(o);
            }
        }
        return orders;
    }

    private static MoneyV2 amountSpent(DataFetchingEnvironment env) {
        String currency = shop(env).settings().currencyCode();
        BigDecimal total = ordersOf(env).stream().filter(o -> o.cancelledAt == null)
                .map(o -> o.currentTotalPriceSet().shopMoney().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return MoneyV2.of(total, currency);
    }

    private static String read() {
        try (InputStream in = ShopifySchema.class.getResourceAsStream(SDL)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + SDL);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
