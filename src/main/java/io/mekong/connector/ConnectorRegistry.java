package io.mekong.connector;

import io.mekong.connector.spec.ConnectorSpec;
import io.mekong.connector.spec.ConnectorSpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connector specs by name, loaded once from {@code ${mekong.home}/connectors/*.yaml}; an invalid file fails the start. */
public final class ConnectorRegistry {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRegistry.class);

    private final Map<String, ConnectorSpec> specs = new TreeMap<>();

    public ConnectorRegistry(Collection<ConnectorSpec> specs) {
        specs.forEach(s -> this.specs.put(s.name(), s));
    }

    /** Loads a directory of specs; a missing directory gives an empty registry (and a warning). */
    public static ConnectorRegistry load(Path directory) {
        if (!Files.isDirectory(directory)) {
            log.warn("No connector specs: {} is not a directory", directory.toAbsolutePath());
            return new ConnectorRegistry(List.of());
        }
        ConnectorRegistry registry = new ConnectorRegistry(new ConnectorSpecLoader().loadAll(directory));
        log.info("Loaded connector specs {} from {}", registry.names(), directory.toAbsolutePath());
        return registry;
    }

    public Optional<ConnectorSpec> find(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    /** @throws IllegalArgumentException naming the known connectors when there is no such spec */
    public ConnectorSpec get(String name) {
        ConnectorSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown connector '" + name + "' (known: " + specs.keySet() + ")");
        }
        return spec;
    }

    /** The streams whose records are of {@code entity}, each as {@code connector/stream}. */
    public List<String> streamsOf(String entity) {
        return specs.values().stream().flatMap(spec -> spec.streams().entrySet().stream()
                .filter(stream -> entity.equals(stream.getValue().entity()))
                .map(stream -> spec.name() + "/" + stream.getKey())).sorted().toList();
    }

    public Set<String> names() {
        return Set.copyOf(specs.keySet());
    }
}
