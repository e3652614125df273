package io.mekong.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbound mappings (source: mekong): how they compile, what they refuse, and that each engine keeps to its kind. */
class OutboundMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String target, String entity, String yaml) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(target));
        return Files.writeString(folder.resolve(entity + ".yaml"), yaml);
    }

    @Test
    void nestedBlocksBuildTheTargetsObjectsAndABadValueIsRejectedNamingTheField() throws IOException {
        Path file = write("crm", "contact", """
                source: mekong
                entity: contact
                target: crm
                fields:
                  id: $string(profileId)
                  properties:
                    Full Name: firstName & " " & lastName
                    spent: $major(totals.revenue.amountMinor, totals.revenue.currency)
                  lines:
                    each: identities
                    fields:
                      ref: connection & "/" & externalId
                """);
        OutboundMapper mapper = new OutboundMapper(new MappingRegistry(List.of(new MappingCompiler().compile(file))));

        OutboundMapper.Outbound mapped = mapper.map("crm", "contact", JSON.readTree("""
                {"profileId": 42, "firstName": "An", "lastName": "Nguyễn",
                 "totals": {"revenue": {"currency": "USD", "amountMinor": 1099}},
                 "identities": [{"connection": "shop", "externalId": "7"}]}"""), Map.of());
        OutboundMapper.Outbound rejected = mapper.map("crm", "contact", JSON.readTree("""
                {"profileId": 42, "totals": {"revenue": {"currency": "usd", "amountMinor": 1}}}"""), Map.of());

        assertThat(((OutboundMapper.Outbound.Mapped) mapped).item().toString()).isEqualTo(
                "{\"id\":\"42\",\"properties\":{\"Full Name\":\"An Nguyễn\",\"spent\":10.99},\"lines\":[{\"ref\":\"shop/7\"}]}");
        assertThat(((OutboundMapper.Outbound.Rejected) rejected).reason()).startsWith("properties: $major: 'usd'");
    }

    @Test
    void anOutboundMappingNamesItsTargetAndHasNoKeyOrUpdatedAt() throws IOException {
        Path wrongTarget = write("crm", "deal", "source: mekong\nentity: deal\ntarget: order\nfields:\n  a: b\n");
        Path withKey = write("crm", "person", "source: mekong\nentity: person\ntarget: crm\nkey: id\nfields:\n  a: b\n");
        Path badName = write("crm", "note", "source: mekong\nentity: note\ntarget: crm\nfields:\n  'a\"b': c\n");

        assertThatThrownBy(() -> new MappingCompiler().compile(wrongTarget)).isInstanceOf(MappingException.class)
                .hasMessageContaining("field 'target': must be 'crm' (the folder name");
        assertThatThrownBy(() -> new MappingCompiler().compile(withKey)).isInstanceOf(MappingException.class)
                .hasMessageContaining("field 'key': an outbound mapping has none");
        assertThatThrownBy(() -> new MappingCompiler().compile(badName)).isInstanceOf(MappingException.class)
                .hasMessageContaining("field 'a\"b': a name is letters");
    }

    @Test
    void eachEngineRefusesTheOtherKindOfMapping() {
        MappingRegistry registry = new MappingRegistry(MappingRegistry.load(Path.of("mappings")));
        MappingEngine engine = new MappingEngine(registry, Validation.buildDefaultValidatorFactory().getValidator());
        OutboundMapper outbound = new OutboundMapper(registry);

        assertThatThrownBy(() -> engine.map("hubspot", "contact", List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OutboundMapper");
        assertThatThrownBy(() -> outbound.map("shopify", "order", JSON.createObjectNode(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an outbound mapping");
    }
}
