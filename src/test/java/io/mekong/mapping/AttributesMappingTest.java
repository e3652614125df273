package io.mekong.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.mapping.canonical.CanonicalCustomer;
import jakarta.validation.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The free attributes map: written as a block of name to expression or as one expression giving an object. */
class AttributesMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEAD = """
            source: acme
            entity: person
            target: customer
            key: $string(id)
            updatedAt: $instant(modified)
            fields:
            """;

    @TempDir
    Path mappings;

    @Test
    void aBlockNamesEachAttributeAndDropsWhatTheSourceDoesNotHave() throws IOException {
        write(HEAD + """
                  note: remark
                  attributes:
                    loyaltyTier: tier
                    flags: '$count(flags) > 0 ? flags'
                    absent: nosuch
                    explicitNull: gone
                """);

        CanonicalCustomer customer = map("""
                {"id": 7, "modified": "2025-03-01T10:00:00Z", "remark": "gọi trước", "tier": "gold", "flags": [],
                 "gone": null}""");

        assertThat(customer.note()).isEqualTo("gọi trước");
        assertThat(customer.attributes()).isEqualTo(Map.of("loyaltyTier", "gold"));
    }

    @Test
    void oneExpressionMayGiveTheWholeObjectAndAnythingElseIsRejectedNamingTheField() throws IOException {
        write(HEAD + """
                  attributes: '$merge(custom.{code: value})'
                """);

        assertThat(map("""
                {"id": 7, "modified": "2025-03-01T10:00:00Z", "custom": [{"code": "vip", "value": true},
                 {"code": "source", "value": {"utm": "zalo"}}]}""").attributes())
                .isEqualTo(Map.of("vip", true, "source", Map.of("utm", "zalo")));

        write(HEAD + """
                  attributes: tier
                """);
        MappingResult rejected = result("""
                {"id": 7, "modified": "2025-03-01T10:00:00Z", "tier": "gold"}""");
        assertThat(rejected).isInstanceOf(MappingResult.Rejected.class);
        assertThat(((MappingResult.Rejected) rejected).reason()).contains("attributes");
    }

    @Test
    void aBadAttributeNameOrValueIsRefusedAtLoadNamingFileAndField() throws IOException {
        write(HEAD + """
                  attributes:
                    "bad\\"name": tier
                """);
        assertThatThrownBy(() -> MappingRegistry.load(mappings)).isInstanceOf(MappingException.class)
                .hasMessageContaining("person.yaml: field 'attributes.bad\"name': a name is letters, digits");

        write(HEAD + """
                  attributes:
                    tiers: [gold, silver]
                """);
        assertThatThrownBy(() -> MappingRegistry.load(mappings))
                .hasMessageContaining("person.yaml: field 'attributes.tiers': must be a JSONata expression");
    }

    private CanonicalCustomer map(String record) {
        MappingResult result = result(record);
        assertThat(result).as("%s", result).isInstanceOf(MappingResult.Mapped.class);
        return (CanonicalCustomer) ((MappingResult.Mapped) result).record();
    }

    private MappingResult result(String record) {
        MappingEngine engine = new MappingEngine(new MappingRegistry(MappingRegistry.load(mappings)),
                Validation.buildDefaultValidatorFactory().getValidator());
        try {
            JsonNode node = JSON.readTree(record);
            return engine.map("acme", "person", List.of(node), Map.of()).results().get(0);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void write(String text) throws IOException {
        Path file = mappings.resolve("acme/person.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
