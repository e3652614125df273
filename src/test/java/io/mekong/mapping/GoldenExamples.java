package io.mekong.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.stream.RecordCoercion;
import io.mekong.testing.Fixtures;
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
 * A public vendor sample is used as it is, read in place: {@code NAME.input.ref} holds its path under the shared
 * fixtures and, after {@code #}, a JSON Pointer to the record (e.g. {@code magento/order.response.json} or
 * {@code shopify/orders.json#/orders/0}); without the fixtures such an example is skipped, saying why. Such a sample
 * is what the vendor sends, so it is given to the mapping as the connector would: with the {@code coerce} block of
 * the system's stream of that entity applied (Lazada's strings become numbers, booleans and nulls).
 */
record GoldenExamples(String system, String entity, String name, Path input, Path expected, Path connection) {

    static final Path MAPPINGS = Path.of("mappings");
    private static final ConnectorRegistry CONNECTORS = ConnectorRegistry.load(Path.of("connectors"));
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<GoldenExamples> all() throws IOException {
        try (Stream<Path> files = Files.walk(MAPPINGS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".input.json")
                            || p.getFileName().toString().endsWith(".input.ref"))
                    .filter(p -> p.getParent().getFileName().toString().endsWith(".examples"))
                    .sorted()
                    .map(GoldenExamples::of)
                    .toList()
                    .stream();
        }
    }

    private static GoldenExamples of(Path input) {
        Path dir = input.getParent();
        String name = input.getFileName().toString().replace(".input.json", "").replace(".input.ref", "");
        return new GoldenExamples(dir.getParent().getFileName().toString(),
                dir.getFileName().toString().replace(".examples", ""), name, input,
                dir.resolve(name + ".expected.json"), dir.resolve(name + ".connection.json"));
    }

    JsonNode inputJson() {
        if (!input.getFileName().toString().endsWith(".input.ref")) {
            return read(input);
        }
        String reference;
        try {
            reference = Files.readString(input).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + input, e);
        }
        String[] fileAndPointer = reference.split("#", 2);
        String vendor = fileAndPointer[0].substring(0, fileAndPointer[0].indexOf('/'));
        Path file = Fixtures.vendor(vendor).resolve(fileAndPointer[0].substring(vendor.length() + 1));
        JsonNode whole = read(file);
        JsonNode record = fileAndPointer.length == 2 ? whole.at(fileAndPointer[1]) : whole;
        if (record.isMissingNode()) {
            throw new IllegalArgumentException(input + ": nothing at " + reference);
        }
        JsonNode copy = record.deepCopy();
        coercions().forEach(coercion -> coercion.apply(copy));
        return copy;
    }

    /** The coercions of the streams of this example's system that read its entity (none for most systems). */
    private List<RecordCoercion> coercions() {
        return CONNECTORS.find(system).map(spec -> spec.streams().values().stream()
                .filter(stream -> stream.entity().equals(entity) && stream.coerce() != null)
                .map(stream -> new RecordCoercion(stream.coerce())).toList()).orElse(List.of());
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
