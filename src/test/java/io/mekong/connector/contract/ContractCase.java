package io.mekong.connector.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.ConnectionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One contract case: {@code connectors/<connector>.tests/<name>.yaml}. It holds the moment the case runs at
 * ({@code now}), the connection, the {@code call} made to the engine, the {@code exchanges} recorded with the vendor
 * (or its simulator) and what the engine must give back ({@code expect}). docs/connectors.md, "Contract tests",
 * describes every field.
 */
record ContractCase(String connector, String name, Path file, JsonNode document) {

    static final Path CONNECTORS = Path.of("connectors");
    static final String SUFFIX = ".tests";
    static final String CONNECTION_ID = "contract";

    static Stream<ContractCase> all() {
        try (Stream<Path> dirs = Files.list(CONNECTORS)) {
            List<ContractCase> cases = new ArrayList<>();
            for (Path dir : dirs.filter(d -> Files.isDirectory(d) && d.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().forEach(f -> cases.add(read(f)));
                }
            }
            return cases.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ContractCase read(Path file) {
        String dir = file.getParent().getFileName().toString();
        JsonNode document;
        try {
            document = ContractYaml.YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage(), e);
        }
        ContractCase c = new ContractCase(dir.substring(0, dir.length() - SUFFIX.length()),
                file.getFileName().toString().replace(".yaml", ""), file, document);
        for (String field : List.of("now", "connection", "call", "exchanges", "expect")) {
            if (!document.has(field)) {
                throw new IllegalArgumentException(file + ": '" + field + "' is missing");
            }
        }
        try {
            c.now();
            c.call();
            c.exchanges().forEach(RecordedExchange::checkRules);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return c;
    }

    Instant now() {
        return Instant.parse(document.get("now").asText());
    }

    /** The case's connection, with {@value RecordedExchange#SERVER} in its params pointing at {@code server}. */
    ConnectionContext connection(String server) {
        Map<String, Object> params = new LinkedHashMap<>();
        document.at("/connection/params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().isNumber()
                ? p.getValue().numberValue() : p.getValue().asText().replace(RecordedExchange.SERVER, server)));
        Map<String, String> secrets = new LinkedHashMap<>();
        document.at("/connection/secrets").fields().forEachRemaining(s -> secrets.put(s.getKey(), s.getValue().asText()));
        return new ConnectionContext(CONNECTION_ID, "contract", connector, params, secrets);
    }

    EngineCall call() {
        return EngineCall.of(document.get("call"));
    }

    List<RecordedExchange> exchanges() {
        List<RecordedExchange> exchanges = new ArrayList<>();
        document.get("exchanges").forEach(e -> exchanges.add(new RecordedExchange(e.get("request"), e.get("response"))));
        return exchanges;
    }

    ObjectNode expect() {
        return (ObjectNode) document.get("expect");
    }

    @Override
    public String toString() {
        return connector + "/" + name;
    }
}
