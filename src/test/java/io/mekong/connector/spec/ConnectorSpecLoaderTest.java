package io.mekong.connector.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectorSpecLoaderTest {

    static final Path SHOPIFY = Path.of("connectors/shopify.yaml");

    @TempDir
    Path dir;

    private final ConnectorSpecLoader loader = new ConnectorSpecLoader();

    @Test
    void loadsTheShopifySpec() {
        ConnectorSpec spec = loader.load(SHOPIFY);

        assertThat(spec.name()).isEqualTo("shopify");
        assertThat(spec.requester().apiVersion()).isEqualTo("2025-10");
        assertThat(spec.requester().readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.requester().retry().maxAttempts()).isEqualTo(8);
        assertThat(spec.requester().retry().retriesStatus(503)).isTrue();
        assertThat(spec.requester().retry().retriesStatus(401)).isFalse();
        assertThat(spec.auth()).isEqualTo(new AuthSpec.Header("X-Shopify-Access-Token", "{{secrets.accessToken}}"));
        assertThat(spec.rateLimit()).isInstanceOf(RateLimitSpec.GraphqlCost.class);
        assertThat(spec.streams()).containsOnlyKeys("customers", "orders", "products", "checkouts");
        StreamSpec orders = spec.stream("orders");
        assertThat(orders.entity()).isEqualTo("order");
        assertThat(orders.graphql().pageSize()).isEqualTo(3);
        assertThat(orders.cursor().lookback()).isEqualTo(Duration.ofMinutes(5));
        assertThat(orders.cursor().filter()).isEqualTo("updated_at:>='{{cursor}}' status:any");
        assertThat(orders.paginator()).isEqualTo(new PaginatorSpec.GraphqlPageInfo("/data/orders/pageInfo", "after", "first"));
        assertThat(spec.connection().secretKeys()).containsExactly("accessToken", "webhookSecret");
        assertThat(spec.connection().required()).containsExactly("shop", "accessToken");
        assertThat(spec.webhooks().topics().get("orders/updated").fetch().stream()).isEqualTo("orders");
        assertThat(spec.webhooks().topics().get("customers/redact").privacy()).isTrue();
    }

    @Test
    void loadsADirectory() throws IOException {
        Files.copy(SHOPIFY, dir.resolve("shopify.yaml"));
        Files.writeString(dir.resolve("README.md"), "not a spec");

        assertThat(loader.loadAll(dir)).extracting(ConnectorSpec::name).containsExactly("shopify");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "lookback: 5m|lookback: five minutes|streams.customers.cursor.lookback|must be a duration",
        "lookback: 5m|lookback: 5m\\n      start: \"{{params.since}}\"|streams.customers.cursor.start|declares no 'since'",
        "lookback: 5m|lookback: 5m\\n      start: \"{{cursor}}\"|streams.customers.cursor.start|only a cursor filter may use",
        "lookback: 5m|lookback: 5m\\n      start: \"2012-03-01\"|streams.customers.cursor.start|must be an ISO-8601 time with offset",
        "lookback: 5m|lookback: 5m\\n      fieldFormat: \"yyyy-MM-dd bb\"|streams.customers.cursor.fieldFormat|must be iso, epochSeconds",
        "      pageInfo: /data/orders/pageInfo|      pageInfo: data/orders|streams.orders.paginator.pageInfo|must be a JSON Pointer",
        "type: graphqlPageInfo\\n      pageInfo: /data/orders/pageInfo|type: nextLink\\n      pageInfo: /data/orders/pageInfo|streams.orders.paginator.type|unknown type 'nextLink' (known: ",
        "type: graphqlPageInfo\\n      pageInfo: /data/orders/pageInfo|type: linkHeader|streams.orders.paginator.type|a GraphQL stream pages with graphqlPageInfo",
        "connectTimeout: 10s|connectTimout: 10s|requester.connectTimout|unknown option",
        "  method: POST|  method: PUT|requester.method|must be one of",
        "    entity: order|    entity: order\\n    primaryKeys: [id]|streams.orders.primaryKeys|unknown option",
        "    entity: order|    entity: ''|streams.orders.entity|is required",
        "retryOn: [429, 500, 502, 503, 504, timeout, connectionError]|retryOn: [404, 500]|requester.retry.retryOn|'404'",
        "value: \"{{secrets.accessToken}}\"|value: \"{{params.accessToken}}\"|auth.value|is a secret",
        "baseUrl: \"https://{{params.shop}}\"|baseUrl: \"https://{{params.shopDomain}}\"|requester.baseUrl|declares no 'shopDomain'",
        "      pattern: \"^[a-z0-9][a-z0-9-]*\\\\.myshopify\\\\.com$\"|      pattern: \"[a-z\"|connection.properties.shop.pattern|not a valid regular expression",
        "required: [shop, accessToken]|required: [shop, token]|connection.required|'token'",
        "maxAttempts: 8|maxAttempts: eight|requester.retry.maxAttempts|eight",
        "query: \"{ shop { name currencyCode } }\"|query: \"{ shop { name \"|test.graphql.query|not valid GraphQL",
        "  graphql:\\n    query: \"{ shop { name currencyCode } }\"|  graphql:\\n    query: \"{ shop { name currencyCode } }\"\\n  request:\\n    path: /shop.json|test.request|give either a graphql query or a REST request, not both",
        "test:\\n  graphql:\\n    query: \"{ shop { name currencyCode } }\"|test: {}|test.graphql|needs a graphql query or a REST request",
        "  type: header\\n|  type: oauth9\\n|auth.type|unknown type 'oauth9'",
        "  type: header\\n  header: X-Shopify-Access-Token\\n  value: \"{{secrets.accessToken}}\"|  type: apiKey\\n  in: cookie\\n  name: k\\n  value: \"{{secrets.accessToken}}\"|auth.in|must be header or query",
        "    type: shopifyHmac\\n|    type: hmac\\n|webhooks.signature.header|is required",
        "    type: shopifyHmac\\n|    type: hmac\\n    header: X-Sig\\n    algorithm: md5\\n|webhooks.signature.algorithm|must be sha1, sha256 or sha512",
        "    type: shopifyHmac\\n|    type: hmac\\n    header: X-Sig\\n    signedPayload: \"{timestamp}.{body}\"\\n|webhooks.signature.timestampHeader|is required: signedPayload uses {timestamp}",
        "    type: shopifyHmac\\n|    type: hmac\\n    header: X-Sig\\n    tolerance: 5m\\n|webhooks.signature.tolerance|is only for a signedPayload that uses {timestamp}",
        "    type: shopifyHmac\\n|    type: hmac\\n    header: X-Sig\\n    secret: x\\n|webhooks.signature.secret|is given twice",
        "  type: header\\n  header: X-Shopify-Access-Token\\n  value: \"{{secrets.accessToken}}\"|  type: oauth1\\n  consumerKey: \"{{params.shop}}\"\\n  consumerSecret: \"{{params.accessToken}}\"|auth.consumerSecret|is a secret",
        "  type: header\\n  header: X-Shopify-Access-Token\\n  value: \"{{secrets.accessToken}}\"|  type: shopee\\n  partnerId: \"{{params.shop}}\"|auth.partnerKey|is required",
        "orders/updated: {entity: order, fetch: {stream: orders,|orders/updated: {entity: order, fetch: {stream: order,|webhooks.topics.orders/updated.fetch.stream|names no stream",
        "orders/updated: {entity: order, fetch: {stream: orders,|orders/updated: {entity: order, fetch: {stream: products,|webhooks.topics.orders/updated.fetch.stream|reads product, not order",
        "orders/create: {entity: order, fetch|orders/create: {entity: order, record: /order, fetch|webhooks.topics.orders/create.record|give exactly one of record",
        "customers/redact: privacy|customers/redact: customer|webhooks.topics.customers/redact.entity|a topic is 'privacy' or a block",
        "    lookup: {field: order, batchSize: 3}|    lookup: {field: order, batchSize: 0}|streams.orders.lookup.batchSize|must be at least 1",
        "    lookup: {field: order, batchSize: 3}|    lookup: {request: {path: \"/orders/{id}\"}}|streams.orders.lookup.request|a GraphQL stream looks records up with field",
        "    lookup: {field: order, batchSize: 3}|    lookup: {request: {path: /orders}}|streams.orders.lookup.idsParam|or {id} in request.path",
        "    lookup: {field: order, batchSize: 3}|    # no lookup|webhooks.topics.orders/create.fetch.stream|cannot read records by key",
        "      delete: {id: /id, stream: orders, key: \"gid://shopify/Order/{id}\"}|      delete: {id: /id}|webhooks.topics.orders/delete.delete.stream|is required: the topic comes from header X-Shopify-Topic",
        "      delete: {id: /id, stream: orders, key: \"gid://shopify/Order/{id}\"}|      delete: {id: /id, stream: products, key: \"gid://shopify/Product/{id}\"}|webhooks.topics.orders/delete.delete.stream|reads product, not order",
        "      delete: {id: /id, stream: orders, key: \"gid://shopify/Order/{id}\"}|      delete: {id: /id, stream: orders, key: \"gid://shopify/Order/\"}|webhooks.topics.orders/delete.delete.key|must contain {id}",
        "  eventId: {header: X-Shopify-Event-Id}\\n|  # no event id\\n|webhooks.dedupeOnBody|is for senders with an eventId",
        "      i18n:\\n        vi:\\n          title: Tên miền cửa hàng|      i18n:\\n        fr:\\n          title: Domaine de la boutique|connection.properties.shop.i18n.fr|is not a language the console speaks (known: [vi])",
        "          title: Tên miền cửa hàng|          label: Tên miền cửa hàng|connection.properties.shop.i18n.vi.label|unknown option (known here: [description, title])",
        "i18n:\\n  vi:\\n    description: >-|i18n:\\n  en:\\n    description: >-|i18n.en|the title and description beside i18n are the English",
    })
    void namesFileOptionAndReason(String original, String broken, String option, String reason) throws IOException {
        Path file = dir.resolve("shopify.yaml");
        String spec = Files.readString(SHOPIFY);
        String unescaped = original.replace("\\n", "\n");
        assertThat(spec).contains(unescaped);
        Files.writeString(file, spec.replaceFirst(Pattern.quote(unescaped), Matcher.quoteReplacement(broken.replace("\\n", "\n"))));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("option '" + option + "'")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((InvalidSpecException) e).option()).isEqualTo(option));
    }

    @Test
    void aTokenRenewalWhoseSecretsAreNotDeclaredIsRefusedWhenLoaded() throws IOException {
        Path file = dir.resolve("shopee.yaml");
        String declared = """
                    accessTokenExpiresAt:
                      type: string
                      title: Access token expiry
                      description: Written by the hub with each renewed token (an ISO instant); leave it empty.
                      secret: true
                      i18n:
                        vi:
                          title: Thời điểm hết hạn của token truy cập
                          description: Hub ghi cùng mỗi token được gia hạn (một thời điểm theo ISO); hãy để trống.
                """;
        String spec = Files.readString(Path.of("connectors/shopee.yaml"));
        assertThat(spec).contains(declared);
        Files.writeString(file, spec.replace(declared, ""));

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageContaining("option 'auth.refresh'")
                .hasMessageContaining("stores the renewed token in the secret 'accessTokenExpiresAt'");
    }

    @Test
    void refusesBrokenYamlWithItsLine() throws IOException {
        Path file = dir.resolve("shopify.yaml");
        Files.writeString(file, "name: shopify\ntitle: a: b\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(file.toString())
                .hasMessageMatching("(?s).*\\(line \\d+\\).*is not valid YAML.*");
    }

    @Test
    void refusesANameThatIsNotTheFileName() throws IOException {
        Path file = dir.resolve("shopify-plus.yaml");
        Files.copy(SHOPIFY, file);

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageContaining("option 'name': must match the file name 'shopify-plus'");
    }
}
