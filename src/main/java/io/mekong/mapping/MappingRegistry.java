package io.mekong.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every mapping under {@code ${mekong.home}/mappings/<system>/<entity>.yaml}, compiled once at start. Any invalid
 * file fails the load with one message listing every bad file, field and reason.
 */
@Component
public class MappingRegistry {

    private static final Logger log = LoggerFactory.getLogger(MappingRegistry.class);

    private final Map<String, CompiledMapping> mappings;

    /** @param home taken as a String: Spring's String-to-Path conversion would read "." as a classpath resource */
    @Autowired
    public MappingRegistry(@Value("${mekong.home:.}") String home) {
        this(load(Path.of(home).resolve("mappings")));
    }

    public MappingRegistry(Collection<CompiledMapping> mappings) {
        Map<String, CompiledMapping> byName = new TreeMap<>();
        for (CompiledMapping mapping : mappings) {
            byName.put(name(mapping.system(), mapping.entity()), mapping);
        }
        this.mappings = byName;
    }

    /** Compiles every {@code <dir>/<system>/<entity>.yaml}; an absent directory holds no mappings. */
    public static List<CompiledMapping> load(Path mappingsDir) {
        if (!Files.isDirectory(mappingsDir)) {
            log.warn("No mappings directory at {}", mappingsDir.toAbsolutePath());
            return List.of();
        }
        MappingCompiler compiler = new MappingCompiler();
        List<CompiledMapping> compiled = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path file : mappingFiles(mappingsDir)) {
            try {
                compiled.add(compiler.compile(file));
            } catch (MappingException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new MappingException("Invalid mappings:\n" + String.join("\n", errors));
        }
        log.info("Loaded {} mappings from {}", compiled.size(), mappingsDir.toAbsolutePath());
        return compiled;
    }

    public Optional<CompiledMapping> find(String system, String entity) {
        return Optional.ofNullable(mappings.get(name(system, entity)));
    }

    /** @throws IllegalArgumentException when there is no such mapping (a wiring error, not a bad record) */
    public CompiledMapping get(String system, String entity) {
        return find(system, entity).orElseThrow(() -> new IllegalArgumentException(
                "No mapping " + name(system, entity) + "; known: " + mappings.keySet()));
    }

    public Collection<CompiledMapping> all() {
        return mappings.values();
    }

    private static List<Path> mappingFiles(Path mappingsDir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> systems = Files.newDirectoryStream(mappingsDir, Files::isDirectory)) {
            for (Path system : systems) {
                try (DirectoryStream<Path> yamls = Files.newDirectoryStream(system, "*.{yaml,yml}")) {
                    yamls.forEach(files::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list mappings in " + mappingsDir, e);
        }
        files.sort(null);
        return files;
    }

    private static String name(String system, String entity) {
        return system + "/" + entity;
    }
}
