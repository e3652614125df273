package io.mekong.routes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.spring.spi.ApplicationContextBeanRepository;
import org.apache.camel.support.DefaultRegistry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Loads route files into a throwaway CamelContext that resolves components and beans from the application
 * (Mekong's components are prototype beans, so the throwaway context gets its own instances), builds every
 * route and resolves every endpoint without starting any consumer. A file that fails is named with the reason.
 */
@Component
public class RouteFileValidator {

    private final ApplicationContext spring;

    public RouteFileValidator(ApplicationContext spring) {
        this.spring = spring;
    }

    public void validatePaths(Collection<Path> files) {
        validate(context -> files.stream()
                .map(p -> ResourceHelper.resolveResource(context, "file:" + p.toAbsolutePath()))
                .toList());
    }

    public void validate(Collection<Resource> files) {
        validate(context -> List.copyOf(files));
    }

    /** @throws InvalidRouteFileException for the first file that does not load, or the set that does not start */
    private void validate(Function<CamelContext, List<Resource>> filesOf) {
        DefaultCamelContext context = new DefaultCamelContext(new DefaultRegistry(new ApplicationContextBeanRepository(spring)));
        context.getCamelContextExtension().setName("mekong-route-check");
        context.disableJMX();
        context.setAutoStartup(false);
        // the routes' {{placeholders}} resolve as in the running context: from the application's properties
        context.getPropertiesComponent().addPropertiesSource(new PropertiesSource() {
            @Override
            public String getName() {
                return "spring-environment";
            }

            @Override
            public String getProperty(String name) {
                return spring.getEnvironment().getProperty(name);
            }
        });
        List<Resource> files = filesOf.apply(context);
        try {
            RoutesLoader loader = PluginHelper.getRoutesLoader(context);
            for (Resource file : files) {
                try {
                    loader.loadRoutes(file);
                } catch (Exception e) {
                    throw new InvalidRouteFileException(file.getLocation(), reason(e), e);
                }
            }
            try {
                context.start();
            } catch (Exception e) {
                throw new InvalidRouteFileException(locationOf(files), reason(e), e);
            }
            requireKnownErrorPolicies(context);
        } finally {
            context.stop();
        }
    }

    /**
     * A route whose routeConfigurationId names no policy would run without its error handling; Camel only
     * notices when the route starts, and routes are not started here, so the reference is checked directly.
     */
    private static void requireKnownErrorPolicies(DefaultCamelContext context) {
        ModelCamelContext model = (ModelCamelContext) context;
        Set<String> known = model.getRouteConfigurationDefinitions().stream()
                .map(RouteConfigurationDefinition::getId)
                .collect(Collectors.toSet());
        for (RouteDefinition route : model.getRouteDefinitions()) {
            String wanted = route.getRouteConfigurationId();
            if (wanted == null) {
                continue;
            }
            for (String id : wanted.split(",")) {
                if (!known.contains(id.trim()) && !id.contains("*")) {
                    String file = route.getResource() == null ? "route " + route.getRouteId() : route.getResource().getLocation();
                    throw new InvalidRouteFileException(file, "route '" + route.getRouteId()
                            + "' refers to routeConfigurationId '" + id.trim() + "', which no route file defines; known: "
                            + known, null);
                }
            }
        }
    }

    /** When routes fail together (e.g. a missing routeConfiguration), name every file of the set. */
    private static String locationOf(Collection<Resource> files) {
        return files.size() == 1 ? files.iterator().next().getLocation()
                : String.join(", ", files.stream().map(Resource::getLocation).toList());
    }

    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder();
        Throwable cause = e;
        List<String> seen = new ArrayList<>();
        while (cause != null) {
            String message = cause.getMessage();
            if (message != null && seen.stream().noneMatch(message::contains)) {
                if (!reason.isEmpty()) {
                    reason.append(" <- ");
                }
                reason.append(message.strip());
                seen.add(message);
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return reason.isEmpty() ? e.getClass().getSimpleName() : reason.toString();
    }
}
