package io.mekong.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Every file in routes/ must load into a throwaway CamelContext with Mekong's components. */
class RouteFilesTest extends HubIntegrationTest {

    @Autowired
    RouteFileValidator validator;

    @Test
    void everyRouteFileLoads() throws IOException {
        List<Path> files = routeFiles(Path.of("routes"));
        assertThat(files).isNotEmpty();

        validator.validatePaths(files); // throws naming the file and the reason
    }

    @Test
    void aBrokenFileIsNamedWithTheReason(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, """
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                      steps:
                        - to: mapping:shopify/no-such-entity
                """);

        assertThatThrownBy(() -> validator.validatePaths(List.of(broken)))
                .isInstanceOf(InvalidRouteFileException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("no-such-entity");
    }

    @Test
    void invalidYamlIsNamedWithItsLine(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("bad-yaml.yaml");
        Files.writeString(broken, "- route:\n    id: x\n    from: [unclosed\n");

        assertThatThrownBy(() -> validator.validatePaths(List.of(broken)))
                .isInstanceOf(InvalidRouteFileException.class)
                .hasMessageContaining("bad-yaml.yaml")
                .hasMessageContaining("line");
    }

    @Test
    void aRouteReferringToAMissingErrorPolicyIsRefused(@TempDir Path dir) throws IOException {
        Path orphan = dir.resolve("orphan.yaml");
        Files.writeString(orphan, """
                - route:
                    id: orphan
                    routeConfigurationId: no-such-policy
                    from:
                      uri: direct:orphan
                      steps:
                        - log: hi
                """);

        assertThatThrownBy(() -> validator.validatePaths(List.of(orphan)))
                .isInstanceOf(InvalidRouteFileException.class)
                .hasMessageContaining("orphan.yaml")
                .hasMessageContaining("no-such-policy");
    }

    static List<Path> routeFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
