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

    /**
     * A compiled mapping and the modification time of the file it was compiled from; {@code refusal} says why the
     * file's last version was not taken, if it was not.
     */
    private record Loaded(CompiledMapping mapping, FileTime modified, String refusal) {
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
            this.mappings.put(name(mapping.system(), mapping.entity()), new Loaded(mapping, modified(mapping.file()), null));
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
            boolean[] reloadedHere = {false};
            loaded = mappings.compute(name, (key, current) -> {
                Loaded next = recompiled(current, modified);
                reloadedHere[0] = next != current;
                return next;
            });
            if (reloadedHere[0]) {
                announce(loaded);
            }
        }
        return Optional.of(loaded.mapping());
    }

    /** The mapping compiled from its changed file, or the current one (remembering the failed version) if invalid. */
    private static Loaded recompiled(Loaded current, FileTime modified) {
        if (modified.equals(current.modified())) {
            return current; // another thread got here first
        }
        try {
            CompiledMapping mapping = new MappingCompiler().compile(current.mapping().file());
            log.info("Reloaded mapping {} from {}", name(mapping.system(), mapping.entity()), mapping.file());
            return new Loaded(mapping, modified, null);
        } catch (MappingException e) {
            log.error("Keeping the mapping in use: the edited file is invalid: {}", e.getMessage());
            return new Loaded(current.mapping(), modified, e.getMessage());
        }
    }

    /** Tells the audit log, outside the map's lock; a failure to record never fails the record being mapped. */
    private void announce(Loaded reload) {
        Path file = reload.mapping().file();
        String shown = file.getParent().getFileName() + "/" + file.getFileName();
        try {
            events.publishEvent(new FileReloaded("mapping", shown, reload.refusal() == null, reload.refusal()));
        } catch (RuntimeException e) {
            log.warn("Could not record the reload of mapping {} in the audit log: {}", shown, e.getMessage());
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
