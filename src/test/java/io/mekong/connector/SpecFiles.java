package io.mekong.connector;

import io.mekong.connector.spec.ConnectorSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Connector specs written by tests: saved as {@code <name>.yaml} in a directory and loaded like the real ones. */
final class SpecFiles {

    private SpecFiles() {
    }

    static ConnectorRegistry registry(Path dir, String name, String yaml) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return new ConnectorRegistry(List.of(new ConnectorSpecLoader().load(file)));
    }
}
