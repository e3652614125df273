package io.mekong.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingRegistryTest {

    private static final String VALID = """
            source: acme
            entity: person
            target: customer
            key: $string(id)
            updatedAt: $instant(modified)
            fields:
              email: mail
            """;

    @TempDir
    Path mappings;

    @Test
    void loadsEveryMappingUnderSystemFolders() throws IOException {
        write("acme/person.yaml", VALID);

        MappingRegistry registry = new MappingRegistry(MappingRegistry.load(mappings));

        assertThat(registry.get("acme", "person").recordClass().getSimpleName()).isEqualTo("CanonicalCustomer");
        assertThat(registry.find("acme", "order")).isEmpty();
        assertThatThrownBy(() -> registry.get("acme", "order")).hasMessageContaining("No mapping acme/order");
    }

    @Test
    void invalidJsonataNamesFileAndField() throws IOException {
        write("acme/person.yaml", VALID.replace("email: mail", "email: $lowercase(mail"));

        assertThatThrownBy(() -> MappingRegistry.load(mappings))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("person.yaml: field 'email': invalid JSONata");
    }

    @Test
    void invalidYamlNamesFileAndLine() throws IOException {
        write("acme/person.yaml", VALID + "  phone: [unclosed\n");

        assertThatThrownBy(() -> MappingRegistry.load(mappings))
                .hasMessageContaining("person.yaml: invalid YAML")
                .hasMessageContaining("line");
    }

    @Test
    void unknownCanonicalFieldsAreRefusedAtLoadIncludingNestedOnes() throws IOException {
        write("acme/person.yaml", VALID.replace("email: mail", "emailAddress: mail"));
        write("acme/order.yaml", """
                source: acme
                entity: order
                target: order
                key: id
                updatedAt: modified
                fields:
                  lines:
                    each: items
                    fields:
                      price: amount
                """);

        assertThatThrownBy(() -> MappingRegistry.load(mappings))
                .hasMessageContaining("person.yaml: field 'emailAddress': CanonicalCustomer has no such field")
                .hasMessageContaining("order.yaml: field 'lines.price': Line has no such field");
    }

    @Test
    void specMustMatchItsPathAndNotSetTheKeyTwice() throws IOException {
        write("acme/person.yaml", VALID.replace("source: acme", "source: other"));
        write("acme/customer.yaml", VALID.replace("entity: person", "entity: customer") + "  externalId: id\n");

        assertThatThrownBy(() -> MappingRegistry.load(mappings))
                .hasMessageContaining("person.yaml: field 'source': must be 'acme'")
                .hasMessageContaining("customer.yaml: field 'fields.externalId': is set by the mapping's 'key' expression");
    }

    @Test
    void anAbsentDirectoryHoldsNoMappings() {
        assertThat(MappingRegistry.load(mappings.resolve("missing"))).isEmpty();
    }

    private void write(String path, String text) throws IOException {
        Path file = mappings.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
