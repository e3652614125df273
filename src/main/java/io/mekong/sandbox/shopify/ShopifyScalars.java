package io.mekong.sandbox.shopify;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The custom scalars, serialised as Shopify's GraphQL Admin API does: DateTime with seconds and the shop's offset,
 * Decimal as the shortest decimal with at least one fraction digit ({@code "1250000.0"}, {@code "11.94"}),
 * Money at the currency's scale ({@code "199.00"}), UnsignedInt64 as a string.
 */
final class ShopifyScalars {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

    private ShopifyScalars() {
    }

    static List<GraphQLScalarType> all() {
        return List.of(
                scalar("DateTime", v -> DATE_TIME.format((OffsetDateTime) v)),
                scalar("Decimal", v -> decimal((BigDecimal) v)),
                scalar("Money", v -> ((BigDecimal) v).toPlainString()),
                scalar("UnsignedInt64", String::valueOf),
                scalar("URL", String::valueOf));
    }

    static String decimal(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 1 ? stripped.setScale(1) : stripped).toPlainString();
    }

    private static GraphQLScalarType scalar(String name, Function<Object, String> serializer) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, String>() {
            @Override
            public String serialize(Object value, GraphQLContext context, Locale locale) {
                try {
                    return serializer.apply(value);
                } catch (ClassCastException e) {
                    throw new CoercingSerializeException("cannot serialise " + value + " as " + name);
                }
            }

            @Override
            public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                return String.valueOf(input);
            }

            @Override
            public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                       Locale locale) {
                if (input instanceof StringValue s) {
                    return s.getValue();
                }
                throw new CoercingParseLiteralException(name + " expects a string literal");
            }
        }).build();
    }
}
