package io.mekong.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The golden examples of every mapping: {@code mappings/<system>/<entity>.examples/NAME.input.json} with
 * {@code NAME.expected.json} (the canonical record, or {@code {"rejected": "<part of the reason>"}}) and optionally
 * {@code NAME.connection.json} (the connection params bound as $connection).
 */
record GoldenExamples(String system, String entity, String name, Path input, Path expected, Path connection) {

    static final Path MAPPINGS = Path.of("mappings");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<GoldenExamples> all() throws IOException {
        try (Stream<Path> files = Files.walk(MAPPINGS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".input.json"))
                    .filter(p -> p.getParent().getFileName().toString().endsWith(".examples"))
                    .sorted()
                    .map(GoldenExamples::of)
                    .toList()
                    .stream();
        }
    }

    private static GoldenExamples of(Path input) {
        Path dir = input.getParent();
        String name = input.getFileName().toString().replace(".input.json", "");
        return new GoldenExamples(dir.getParent().getFileName().toString(),
                dir.getFileName().toString().replace(".examples", ""), name, input,
                dir.resolve(name + ".expected.json"), dir.resolve(name + ".connection.json"));
    }

    JsonNode inputJson() {
        return read(input);
    }

    JsonNode expectedJson() {
        return read(expected);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> connectionParams() {
        return Files.exists(connection) ? JSON.convertValue(read(connection), Map.class) : Map.of();
    }

    List<JsonNode> records() {
        return List.of(inputJson());
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    @Override
    public String toString() {
        return system + "/" + entity + ": " + name;
    }
}
