package io.mekong.mapping;

import io.mekong.ops.FileReloaded;
import io.mekong.testing.TestProperties;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mapping fixed on disk takes effect at its next use; a broken edit leaves the mapping in use in place. */
class MappingReloadTest {

    private static final String MAPPING = """
            source: shop
            entity: customer
            target: customer
            key: $string(id)
            updatedAt: $instant(updatedAt)
            fields:
              email: %s
            """;

    @TempDir
    Path home;

    @Test
    void aFixedMappingFileIsUsedNextTimeAndAnInvalidEditIsRefused() throws Exception {
        Path file = home.resolve("mappings/shop/customer.yaml");
        Files.createDirectories(file.getParent());
        write(file, MAPPING.formatted("$error('this mapping is broken')"), 1);
        MappingRegistry registry = new MappingRegistry(TestProperties.of(Map.of("mekong.home", home.toString())));
        List<Object> reloads = new ArrayList<>();
        registry.setApplicationEventPublisher(reloads::add);
        MappingEngine engine = new MappingEngine(registry, Validation.buildDefaultValidatorFactory().getValidator());
        JsonNode record = new ObjectMapper().readTree("{\"id\":7,\"updatedAt\":\"2025-01-01T00:00:00Z\",\"mail\":\"a@b.vn\"}");

        assertThat(engine.map("shop", "customer", List.of(record), Map.of()).results().get(0))
                .isInstanceOf(MappingResult.Rejected.class);

        write(file, MAPPING.formatted("mail"), 2);
        MappingResult fixed = engine.map("shop", "customer", List.of(record), Map.of()).results().get(0);
        assertThat(fixed).isInstanceOf(MappingResult.Mapped.class);

        write(file, MAPPING.formatted("'unclosed"), 3);
        assertThat(engine.map("shop", "customer", List.of(record), Map.of()).results().get(0))
                .as("the invalid edit is refused and the fixed mapping stays in use").isInstanceOf(MappingResult.Mapped.class);

        // each reload is told once, for the audit log
        assertThat(reloads).hasSize(2);
        assertThat(reloads.get(0)).isEqualTo(new FileReloaded("mapping", "shop/customer.yaml", true, null));
        assertThat(reloads.get(1)).isInstanceOfSatisfying(FileReloaded.class, refused -> {
            assertThat(refused.applied()).isFalse();
            assertThat(refused.reason()).isNotBlank();
        });
    }

    /** Writes with a distinct modification time, as a file saved seconds later would have. */
    private static void write(Path file, String text, int version) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(version)));
    }
}
