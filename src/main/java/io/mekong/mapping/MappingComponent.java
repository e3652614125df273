package io.mekong.mapping;

import io.mekong.connector.Headers;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * The {@code mapping:<system>/<entity>} Camel component: body {@code List<JsonNode>} of source records in,
 * body {@link MappedPage} out. The connection ({@code io.mekong.connector.ConnectionContext}) is read from the
 * {@value #CONNECTION_HEADER} header; its params are bound as {@code $connection}.
 */
// Prototype: every CamelContext that resolves "mapping" (the app's, and the throwaway one that checks route files)
// gets its own instance, since a component belongs to exactly one context.
@Component("mapping")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class MappingComponent extends DefaultComponent {

    /** Header carrying the ConnectionContext of the records in the body. */
    public static final String CONNECTION_HEADER = Headers.CONNECTION;

    private final MappingEngine engine;

    public MappingComponent(MappingEngine engine) {
        this.engine = engine;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String[] parts = remaining.split("/");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("Expected mapping:<system>/<entity>, got " + uri);
        }
        // fail at route start, not at the first message, when the mapping does not exist
        engine.requireMapping(parts[0], parts[1]);
        return new MappingEndpoint(uri, this, engine, parts[0], parts[1]);
    }
}
