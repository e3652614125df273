package io.mekong.web.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.connection.Connection;
import io.mekong.connector.spec.ConnectorSpec;
import io.mekong.connector.spec.ConnectorSpecLoader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs a schema's types become, labelled in the reader's language; how the form's text is read back into typed
 * values; and a deprecated parameter, offered only to a connection that holds a value for it.
 */
class ConnectionFormTest {

    private static final String SPEC = """
            name: typed
            kind: target
            title: Typed
            version: 1
            connection:
              type: object
              required: [url, mode, token]
              properties:
                url: {type: string, title: Address, format: uri}
                mode: {type: string, title: Mode, enum: [live, test], default: test}
                batchSize: {type: integer, title: Batch size, default: 100}
                ratio: {type: number, title: Ratio}
                dryRun: {type: boolean, title: Dry run, default: true}
                contact: {type: string, format: email}
                token: {type: string, title: Token, description: The API token., secret: true}
            requester:
              baseUrl: "{{params.url}}"
            """;

    private static final String DEPRECATED = """
            name: typed
            kind: target
            connection:
              properties:
                url: {title: Address, format: uri, i18n: {vi: {title: Địa chỉ, description: Nơi gửi đến.}}}
                region: {title: Region, deprecated: true}
                legacyKey: {title: Legacy key, secret: true, deprecated: true}
                strict: {type: boolean, title: Strict, deprecated: true}
            requester:
              baseUrl: "{{params.url}}"
            """;

    @TempDir
    Path dir;

    @Test
    void eachTypeGetsItsInputInTheSpecsOrderWithDefaultsAndRequiredMarks() throws IOException {
        List<ConnectionForm.Field> fields = ConnectionForm.fields(spec(), null, null, Map.of(), Locale.ENGLISH);

        assertThat(fields).extracting(ConnectionForm.Field::name)
                .containsExactly("url", "mode", "batchSize", "ratio", "dryRun", "contact", "token", "baseUrl");
        assertThat(fields).extracting(ConnectionForm.Field::input)
                .containsExactly("url", "select", "number", "number", "checkbox", "email", "password", "url");
        assertThat(fields).extracting(ConnectionForm.Field::step)
                .containsExactly("any", "any", "1", "any", "any", "any", "any", "any");
        assertThat(fields).extracting(ConnectionForm.Field::required)
                .containsExactly(true, true, false, false, false, false, true, false);
        assertThat(fields).extracting(ConnectionForm.Field::value)
                .containsExactly("", "test", "100", "", "true", "", "", "");
        assertThat(fields.get(1).options()).containsExactly("live", "test");
        assertThat(fields.get(6).help()).isEqualTo("The API token.");
        assertThat(fields.get(7).label()).as("the implicit base URL").isEqualTo("Base URL override");
    }

    @Test
    void anEditShowsTheStoredParamsAndWhichSecretsAreSetNeverTheirValues() throws IOException {
        Connection stored = new Connection("typed-1", "typed-1", "default", "typed", "Typed", Map.of("url",
                "https://x.example", "mode", "live", "batchSize", 50, "dryRun", false), Set.of("token"), Instant.now(),
                Instant.now());
        List<ConnectionForm.Field> fields = ConnectionForm.fields(spec(), stored, null, Map.of("mode", "wrong"),
                Locale.ENGLISH);

        assertThat(fields).extracting(ConnectionForm.Field::value)
                .containsExactly("https://x.example", "live", "50", "", "false", "", "", "");
        assertThat(fields.get(6).secretSet()).isTrue();
        assertThat(fields.get(1).error()).isEqualTo("wrong");
    }

    @Test
    void theFormsTextBecomesTypedValuesAndAnEmptySecretIsLeftOut() throws IOException {
        ConnectionForm.Values values = ConnectionForm.read(spec(), null, Map.of("param.url", " https://x.example ",
                "param.mode", "live", "param.batchSize", "250", "param.ratio", "0.5", "param.dryRun", "true",
                "param.contact", "", "secret.token", ""));

        assertThat(values.params()).containsExactlyInAnyOrderEntriesOf(Map.of("url", "https://x.example", "mode", "live",
                "batchSize", 250L, "ratio", new BigDecimal("0.5"), "dryRun", true));
        assertThat(values.secrets()).as("kept as stored").isEmpty();
        assertThat(values.unreadable()).isEmpty();

        ConnectionForm.Values unreadable = ConnectionForm.read(spec(), null, Map.of("param.batchSize", "1.5",
                "param.ratio", "half", "secret.token", "t0k"));
        assertThat(unreadable.unreadable()).containsExactlyInAnyOrder(
                new ConnectionForm.Unreadable("batchSize", "connections.error.integer"),
                new ConnectionForm.Unreadable("ratio", "connections.error.number"));
        assertThat(unreadable.params()).containsEntry("dryRun", false);
        assertThat(unreadable.secrets()).containsEntry("token", "t0k");
    }

    @Test
    void labelsAndHelpAreInTheReadersLanguageElseInEnglish() throws IOException {
        List<ConnectionForm.Field> vietnamese = ConnectionForm.fields(spec(DEPRECATED), null, null, Map.of(),
                Locale.forLanguageTag("vi"));
        List<ConnectionForm.Field> english = ConnectionForm.fields(spec(DEPRECATED), null, null, Map.of(), Locale.ENGLISH);

        assertThat(vietnamese).extracting(ConnectionForm.Field::label).containsExactly("Địa chỉ", "URL gốc thay thế");
        assertThat(vietnamese.get(0).help()).isEqualTo("Nơi gửi đến.");
        assertThat(english).extracting(ConnectionForm.Field::label).containsExactly("Address", "Base URL override");
        assertThat(english.get(0).help()).as("no English description").isNull();
    }

    @Test
    void aDeprecatedParameterIsOfferedOnlyToAConnectionThatHoldsAValueForIt() throws IOException {
        ConnectorSpec spec = spec(DEPRECATED);
        Connection holding = new Connection("typed-1", "typed-1", "default", "typed", "Typed",
                Map.of("url", "https://x.example", "region", "VN"), Set.of("legacyKey"), Instant.now(), Instant.now());
        Connection without = new Connection("typed-2", "typed-2", "default", "typed", "Typed",
                Map.of("url", "https://x.example"), Set.of(), Instant.now(), Instant.now());

        assertThat(ConnectionForm.fields(spec, null, null, Map.of(), Locale.ENGLISH)).as("a new connection")
                .extracting(ConnectionForm.Field::name).containsExactly("url", "baseUrl");
        assertThat(ConnectionForm.fields(spec, without, null, Map.of(), Locale.ENGLISH)).as("an edit, no value")
                .extracting(ConnectionForm.Field::name).containsExactly("url", "baseUrl");
        assertThat(ConnectionForm.fields(spec, holding, null, Map.of(), Locale.ENGLISH)).as("an edit, values held")
                .extracting(ConnectionForm.Field::name).containsExactly("url", "region", "legacyKey", "baseUrl");
        assertThat(ConnectionForm.read(spec, null, Map.of("param.url", "https://x.example")).params())
                .as("a checkbox not offered is not read as unticked").containsOnlyKeys("url");
        assertThat(ConnectionForm.read(spec, holding, Map.of("param.url", "https://x.example", "param.region", "TH"))
                .params()).containsEntry("region", "TH");
    }

    private ConnectorSpec spec() throws IOException {
        return spec(SPEC);
    }

    private ConnectorSpec spec(String text) throws IOException {
        Path file = dir.resolve("typed.yaml");
        Files.writeString(file, text);
        return new ConnectorSpecLoader().load(file);
    }
}
