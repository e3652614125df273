package io.mekong.mapping;

import io.mekong.config.MekongProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import io.mekong.ops.FileReloaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.stereotype.Component;

/**
 * Every mapping under {@code ${mekong.home}/mappings/<system>/<entity>.yaml}, compiled at start. Any invalid
 * file fails the start with one message listing every bad file, field and reason. Afterwards a mapping whose file
 * changes is compiled again when next used, so a fix takes effect for the next page or dead-letter replay; an
 * invalid edit is logged and the mapping in use is kept.
 */
@Component
public class MappingRegistry implements ApplicationEventPublisherAware {

    private static final Logger log = LoggerFactory.getLogger(MappingRegistry.class);

    /** A compiled mapping and the modification time of the file it was compiled from. */
    private record Loaded(CompiledMapping mapping, FileTime modified) {
    }

    private final Map<String, Loaded> mappings = new ConcurrentHashMap<>();
    /** Told of every reload, for the audit log; none outside a Spring context. */
    private ApplicationEventPublisher events = event -> { };

    @Autowired
    public MappingRegistry(MekongProperties properties) {
        this(load(properties.homePath().resolve("mappings")));
    }

    public MappingRegistry(Collection<CompiledMapping> mappings) {
        for (CompiledMapping mapping : mappings) {
            this.mappings.put(name(mapping.system(), mapping.entity()), new Loaded(mapping, modified(mapping.file())));
        }
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
        this.events = publisher;
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
        String name = name(system, entity);
        Loaded loaded = mappings.get(name);
        if (loaded == null) {
            return Optional.empty();
        }
        FileTime modified = modified(loaded.mapping().file());
        if (modified != null && !modified.equals(loaded.modified())) {
            loaded = mappings.compute(name, (key, current) -> recompiled(current, modified));
        }
        return Optional.of(loaded.mapping());
    }

    /** The mapping compiled from its changed file, or the current one (remembering the failed version) if invalid. */
    private Loaded recompiled(Loaded current, FileTime modified) {
        if (modified.equals(current.modified())) {
            return current; // another thread got here first
        }
        Path file = current.mapping().file();
        String shown = file.getParent().getFileName() + "/" + file.getFileName();
        try {
            CompiledMapping mapping = new MappingCompiler().compile(file);
            log.info("Reloaded mapping {} from {}", name(mapping.system(), mapping.entity()), mapping.file());
            events.publishEvent(new FileReloaded("mapping", shown, true, null));
            return new Loaded(mapping, modified);
        } catch (MappingException e) {
            log.error("Keeping the mapping in use: the edited file is invalid: {}", e.getMessage());
            events.publishEvent(new FileReloaded("mapping", shown, false, e.getMessage()));
            return new Loaded(current.mapping(), modified);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return file == null ? null : Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** @throws IllegalArgumentException when there is no such mapping (a wiring error, not a bad record) */
    public CompiledMapping get(String system, String entity) {
        return find(system, entity).orElseThrow(() -> new IllegalArgumentException(
                "No mapping " + name(system, entity) + "; known: " + new TreeMap<>(mappings).keySet()));
    }

    public Collection<CompiledMapping> all() {
        return new TreeMap<>(mappings).values().stream().map(Loaded::mapping).toList();
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
