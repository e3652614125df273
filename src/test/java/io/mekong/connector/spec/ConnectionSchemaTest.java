package io.mekong.connector.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionSchemaTest {

    private final ConnectionSchema schema = new ConnectorSpecLoader().load(Path.of("connectors/shopify.yaml")).connection();

    @Test
    void acceptsAValidConnection() {
        assertThat(schema.validate(Map.of("shop", "my-store.myshopify.com", "baseUrl", "http://localhost:8080/sandbox/shopify"),
                Map.of("accessToken", "shpat_x"))).isEmpty();
    }

    @Test
    void reportsMissingRequiredValues() {
        assertThat(schema.validate(Map.of(), Map.of())).containsExactly(
                "parameter 'shop' is required", "secret 'accessToken' is required");
    }

    @Test
    void reportsWrongTypePatternAndFormat() {
        assertThat(schema.validate(Map.of("shop", "My Store"), Map.of("accessToken", "t")))
                .containsExactly("parameter 'shop' must match ^[a-z0-9][a-z0-9-]*\\.myshopify\\.com$ (was 'My Store')");
        assertThat(schema.validate(Map.of("shop", "a.myshopify.com", "currency", 704), Map.of("accessToken", "t")))
                .containsExactly("parameter 'currency' must be of type string (was 704)");
        assertThat(schema.validate(Map.of("shop", "a.myshopify.com", "baseUrl", "localhost:8080"), Map.of("accessToken", "t")))
                .containsExactly("parameter 'baseUrl' must be an absolute http(s) URI (was 'localhost:8080')");
    }

    /** Issue 15 item 1: a query or fragment would swallow the connector's paths; credentials belong in secrets. */
    @Test
    void aBaseUrlWithAQueryAFragmentCredentialsOrAnotherSchemeIsRefusedNamingIt() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("https://evil.example/collect?x=", "must not have a query ('?'): the connector appends its own paths and parameters");
        cases.put("https://evil.example/?", "must not have a query ('?'): the connector appends its own paths and parameters");
        cases.put("https://evil.example/#", "must not have a fragment ('#'): the connector appends its own paths and parameters");
        cases.put("https://a.myshopify.com#@evil.example", "must not have a fragment ('#'): the connector appends its own paths and parameters");
        cases.put("https://user:pw@a.myshopify.com", "must not carry credentials (user@host): give them as the connection's secrets");
        cases.put("ftp://a.myshopify.com", "must be an absolute http(s) URI (was 'ftp://a.myshopify.com')");
        cases.put("file:///etc/passwd", "must be an absolute http(s) URI (was 'file:///etc/passwd')");
        cases.forEach((baseUrl, problem) -> assertThat(schema.validate(Map.of("shop", "a.myshopify.com", "baseUrl", baseUrl),
                Map.of("accessToken", "t"))).as(baseUrl).containsExactly("parameter 'baseUrl' " + problem));
    }

    @Test
    void keepsSecretsOutOfParamsAndNeverEchoesThem() {
        var problems = schema.validate(Map.of("shop", "a.myshopify.com", "accessToken", "shpat_leaked"), Map.of("password", "hunter2"));

        assertThat(problems).containsExactly(
                "secret 'accessToken' is required",
                "'accessToken' is a secret: pass it under secrets, not params",
                "secret 'password' is not a secret declared by this connector (secrets: [accessToken, webhookSecret])");
        assertThat(String.join(" ", problems)).doesNotContain("shpat_leaked", "hunter2");
    }

    @Test
    void everyConnectionAcceptsABaseUrlEvenWhenTheSpecDoesNotDeclareIt() {
        ConnectionSchema bare = new ConnectionSchema("object", null, Map.of());

        assertThat(bare.validate(Map.of("baseUrl", "http://127.0.0.1:1234"), Map.of())).isEmpty();
        assertThat(bare.validate(Map.of("baseUrl", "ftp://x"), Map.of())).hasSize(1);
    }

    @Test
    void listsSecretsAndFillsDefaults() {
        assertThat(schema.secretKeys()).containsExactly("accessToken", "webhookSecret");
        assertThat(schema.withDefaults(Map.of("shop", "a.myshopify.com")))
                .isEqualTo(Map.of("shop", "a.myshopify.com", "defaultRegion", "VN"));
        assertThat(schema.withDefaults(Map.of("defaultRegion", "US"))).containsEntry("defaultRegion", "US");
    }
}
