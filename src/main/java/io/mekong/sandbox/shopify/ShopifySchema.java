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
                .dataFetcher("abandonedCheckouts", env -> top(env, checkouts(env)))
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
        wiring.type(TypeRuntimeWiring.newTypeWiring("AbandonedCheckout")
                .dataFetcher("customer", env -> lookup(((AbandonedCheckout) env.getSource()).customerId,
                        shop(env)::customer))
                .dataFetcher("lineItems", env -> positional(env, ((AbandonedCheckout) env.getSource()).lineItems)));
        wiring.type(TypeRuntimeWiring.newTypeWiring("AbandonedCheckoutLineItem")
                .dataFetcher("product", env -> lookup(((LineItem) env.getSource()).productId(), shop(env)::product))
                .dataFetcher("variant", env -> lookup(((LineItem) env.getSource()).variantId(), shop(env)::variant))
                .dataFetcher("originalTotalPriceSet", env -> times(((LineItem) env.getSource()).originalUnitPriceSet(),
                        ((LineItem) env.getSource()).quantity()))
                .dataFetcher("discountedTotalPriceSet", env -> ((LineItem) env.getSource()).discountedTotalPriceSet())
                .dataFetcher("customAttributes", env -> List.of()));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Refund")
                .dataFetcher("refundLineItems", env -> positional(env, ((Refund) env.getSource()).refundLineItems()))
                .dataFetcher("transactions", env -> positional(env, ((Refund) env.getSource()).transactions())));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Product")
                .dataFetcher("variants", env -> positional(env, ((Product) env.getSource()).variants))
                .dataFetcher("priceRangeV2", env -> priceRange(env)));
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

    private static <T extends Identified> Connections.Connection<T> top(DataFetchingEnvironment env,
                                                                         Connections.Connection<T> connection) {
        shop(env).pageServed(connection.nodes());
        return connection;
    }

    private static Connections.Connection<Customer> customers(DataFetchingEnvironment env) {
        ShopifyShop shop = shop(env);
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        Predicate<Customer> filter = query.predicate(shop.settings().timezone(),
                Map.of("updated_at", c -> c.updatedAt, "created_at", c -> c.createdAt),
                Map.of("email", v -> c -> c.email != null && c.email.equalsIgnoreCase(v),
                        "id", v -> c -> String.valueOf(c.id).equals(v)));
        return page(env, shop, shop.sortedCustomers(), "ID", query, filter);
    }

    private static Connections.Connection<Order> orders(DataFetchingEnvironment env) {
        ShopifyShop shop = shop(env);
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        Predicate<Order> filter = query.predicate(shop.settings().timezone(),
                Map.of("updated_at", o -> o.updatedAt, "created_at", o -> o.createdAt,
                        "processed_at", o -> o.processedAt),
                Map.of("status", ShopifySchema::orderStatus,
                        "email", v -> o -> o.email != null && o.email.equalsIgnoreCase(v),
                        "id", v -> o -> String.valueOf(o.id).equals(v)));
        return page(env, shop, shop.sortedOrders(), "PROCESSED_AT", query, filter);
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

    private static Connections.Connection<Product> products(DataFetchingEnvironment env) {
        ShopifyShop shop = shop(env);
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        Predicate<Product> filter = query.predicate(shop.settings().timezone(),
                Map.of("updated_at", p -> p.updatedAt, "created_at", p -> p.createdAt),
                Map.of("status", v -> p -> List.of(v.toUpperCase(java.util.Locale.ROOT).split(",")).contains(p.status),
                        "id", v -> p -> String.valueOf(p.id).equals(v)));
        return page(env, shop, shop.sortedProducts(), "ID", query, filter);
    }

    /**
     * Abandoned checkouts as the Admin API lists them: by id unless asked otherwise (there is no UPDATED_AT sort),
     * filtered by {@code created_at}, {@code updated_at}, {@code id}, {@code status} (open: not completed) and
     * {@code recovery_state} (recovered: completed after being abandoned).
     */
    private static Connections.Connection<AbandonedCheckout> checkouts(DataFetchingEnvironment env) {
        ShopifyShop shop = shop(env);
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        Predicate<AbandonedCheckout> filter = query.predicate(shop.settings().timezone(),
                Map.of("updated_at", c -> c.updatedAt, "created_at", c -> c.createdAt),
                Map.of("id", v -> c -> String.valueOf(c.id).equals(v),
                        "status", v -> c -> v.equalsIgnoreCase("open") == (c.completedAt == null),
                        "recovery_state", v -> c -> v.equalsIgnoreCase("recovered") == (c.completedAt != null)));
        return page(env, shop, shop.sortedCheckouts(), "ID", query, filter);
    }

    private static MoneyBag times(MoneyBag unit, int quantity) {
        BigDecimal n = BigDecimal.valueOf(quantity);
        return new MoneyBag(MoneyV2.of(unit.shopMoney().amount().multiply(n), unit.shopMoney().currencyCode()),
                MoneyV2.of(unit.presentmentMoney().amount().multiply(n), unit.presentmentMoney().currencyCode()));
    }

    // ---------- helpers ----------

    static ShopifyShop shop(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(ShopifyShop.class);
    }

    private static <T extends Identified> Connections.Connection<T> page(DataFetchingEnvironment env, ShopifyShop shop,
            SortedRows<T> rows, String defaultSortKey, SearchQuery query, Predicate<T> filter) {
        Object sortKey = env.getArgument("sortKey");
        Connections.Sort<T> sort = rows.sort(sortKey == null ? defaultSortKey : sortKey.toString(),
                Boolean.TRUE.equals(env.getArgument("reverse")), query, shop.settings().timezone());
        return Connections.page(sort, window(env), shop.examining(filter));
    }

    private static Connections.Window window(DataFetchingEnvironment env) {
        return new Connections.Window(env.getArgument("first"), env.getArgument("after"), env.getArgument("last"),
                env.getArgument("before"));
    }

    private static <T extends Identified> Connections.Connection<T> positional(DataFetchingEnvironment env,
                                                                                List<T> rows) {
        return Connections.positional(rows, window(env));
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

    /** A product's lowest and highest variant price, in the shop's currency as every Admin API price is. */
    private static Map<String, MoneyV2> priceRange(DataFetchingEnvironment env) {
        String currency = shop(env).settings().currencyCode();
        List<BigDecimal> prices = ((Product) env.getSource()).variants.stream().map(v -> v.price).sorted().toList();
        BigDecimal min = prices.isEmpty() ? BigDecimal.ZERO : prices.get(0);
        BigDecimal max = prices.isEmpty() ? BigDecimal.ZERO : prices.get(prices.size() - 1);
        return Map.of("minVariantPrice", MoneyV2.of(min, currency), "maxVariantPrice", MoneyV2.of(max, currency));
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
