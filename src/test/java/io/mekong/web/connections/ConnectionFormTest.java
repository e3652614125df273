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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inputs a schema's types become, and how the form's text is read back into typed values. */
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

    @TempDir
    Path dir;

    @Test
    void eachTypeGetsItsInputInTheSpecsOrderWithDefaultsAndRequiredMarks() throws IOException {
        List<ConnectionForm.Field> fields = ConnectionForm.fields(spec(), null, null, Map.of());

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
        List<ConnectionForm.Field> fields = ConnectionForm.fields(spec(), stored, null, Map.of("mode", "wrong"));

        assertThat(fields).extracting(ConnectionForm.Field::value)
                .containsExactly("https://x.example", "live", "50", "", "false", "", "", "");
        assertThat(fields.get(6).secretSet()).isTrue();
        assertThat(fields.get(1).error()).isEqualTo("wrong");
    }

    @Test
    void theFormsTextBecomesTypedValuesAndAnEmptySecretIsLeftOut() throws IOException {
        ConnectionForm.Values values = ConnectionForm.read(spec(), Map.of("param.url", " https://x.example ",
                "param.mode", "live", "param.batchSize", "250", "param.ratio", "0.5", "param.dryRun", "true",
                "param.contact", "", "secret.token", ""));

        assertThat(values.params()).containsExactlyInAnyOrderEntriesOf(Map.of("url", "https://x.example", "mode", "live",
                "batchSize", 250L, "ratio", new BigDecimal("0.5"), "dryRun", true));
        assertThat(values.secrets()).as("kept as stored").isEmpty();
        assertThat(values.unreadable()).isEmpty();

        ConnectionForm.Values unreadable = ConnectionForm.read(spec(), Map.of("param.batchSize", "1.5",
                "param.ratio", "half", "secret.token", "t0k"));
        assertThat(unreadable.unreadable()).containsExactlyInAnyOrder(
                new ConnectionForm.Unreadable("batchSize", "connections.error.integer"),
                new ConnectionForm.Unreadable("ratio", "connections.error.number"));
        assertThat(unreadable.params()).containsEntry("dryRun", false);
        assertThat(unreadable.secrets()).containsEntry("token", "t0k");
    }

    private ConnectorSpec spec() throws IOException {
        Path file = dir.resolve("typed.yaml");
        Files.writeString(file, SPEC);
        return new ConnectorSpecLoader().load(file);
    }
}
