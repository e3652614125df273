package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WooCommerce and Haravan are the proof that a REST source needs no Java: their spec, mappings and golden examples are
 * data. Outside the simulators ({@code io.mekong.sandbox}) and the demo wiring ({@code io.mekong.demo}) no source file
 * under src/main/java may even name them, in code or comment; and each has its spec and both mappings.
 */
class DeclarativeSourcesTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final List<Path> ALLOWED = List.of(MAIN.resolve("io/mekong/sandbox"), MAIN.resolve("io/mekong/demo"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"woocommerce", "haravan"})
    void noJavaOutsideTheSandboxAndTheDemoNamesTheConnector(String connector) throws IOException {
        List<String> naming;
        try (Stream<Path> files = Files.walk(MAIN)) {
            naming = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> ALLOWED.stream().noneMatch(file::startsWith))
                    .filter(file -> read(file).toLowerCase(Locale.ROOT).contains(connector))
                    .map(Path::toString).toList();
        }
        assertThat(naming).as("Java files naming %s", connector).isEmpty();
        assertThat(Path.of("connectors", connector + ".yaml")).exists();
        assertThat(Path.of("mappings", connector, "order.yaml")).exists();
        assertThat(Path.of("mappings", connector, "customer.yaml")).exists();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }
}
