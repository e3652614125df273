package io.mekong.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import io.mekong.ops.FileReloaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Camel's route reload, made safe for a running hub: Camel removes the routes of a changed file before loading
 * it again, so one bad edit unloads them. Here the changed files are first validated together with the other
 * route files in a throwaway context; only a set that loads replaces the running routes.
 */
public class GuardedRouteReloadStrategy extends RouteWatcherReloadStrategy {

    private static final Logger log = LoggerFactory.getLogger(GuardedRouteReloadStrategy.class);

    private final Path folder;
    private final RouteFileValidator validator;
    private final ApplicationEventPublisher events;
    private volatile String lastRefusal;

    /** @param events told of every reload and refusal, for the audit log */
    public GuardedRouteReloadStrategy(Path folder, RouteFileValidator validator, ApplicationEventPublisher events) {
        super(folder.toAbsolutePath().toString(), false);
        setPattern("*.yaml");
        this.folder = folder.toAbsolutePath();
        this.validator = validator;
        this.events = events;
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        List<Resource> all = new ArrayList<>(resources);
        for (Path other : otherRouteFiles(resources)) {
            all.add(ResourceHelper.resolveResource(getCamelContext(), "file:" + other));
        }
        List<String> changed = resources.stream().map(GuardedRouteReloadStrategy::fileName).toList();
        try {
            validator.validate(all);
        } catch (InvalidRouteFileException e) {
            lastRefusal = e.getMessage();
            log.error("Refused to reload routes; the running routes are kept. {}", e.getMessage());
            changed.forEach(file -> events.publishEvent(new FileReloaded("route", file, false, e.getMessage())));
            return;
        }
        lastRefusal = null;
        super.onRouteReload(resources, removeEverything);
        changed.forEach(file -> events.publishEvent(new FileReloaded("route", file, true, null)));
    }

    /** Why the last reload was refused, or null when the last one was applied. */
    public String lastRefusal() {
        return lastRefusal;
    }

    private static String fileName(Resource resource) {
        return Path.of(resource.getLocation().replaceFirst("^file:", "")).getFileName().toString();
    }

    private List<Path> otherRouteFiles(Collection<Resource> changed) {
        List<String> changedNames = changed.stream().map(GuardedRouteReloadStrategy::fileName).toList();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !changedNames.contains(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
