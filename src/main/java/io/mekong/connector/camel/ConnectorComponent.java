package io.mekong.connector.camel;

import io.mekong.connector.ConnectorEngine;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code connector:} component. {@code connector:<system>/<stream>} or {@code connector:fetch} reads one batch of
 * a stream per exchange; {@code connector:lookup} reads records again by key; {@code connector:keys} lists every key
 * of a stream. Stream and connection come from headers (see {@link io.mekong.connector.Headers}).
 */
public class ConnectorComponent extends DefaultComponent {

    static final String FETCH = "fetch";
    static final String LOOKUP = "lookup";
    static final String KEYS = "keys";

    private final ConnectorEngine engine;

    public ConnectorComponent(ConnectorEngine engine) {
        this.engine = engine;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ConnectorEndpoint endpoint = endpoint(uri, remaining);
        endpoint.setMinRecords(getAndRemoveParameter(parameters, "minRecords", Integer.class, 1));
        endpoint.setReadAhead(getAndRemoveParameter(parameters, "readAhead", Boolean.class, false));
        endpoint.setAbsent(getAndRemoveParameter(parameters, "absent", Boolean.class, false));
        if (endpoint.isAbsent() && !LOOKUP.equals(endpoint.getOperation())) {
            throw new IllegalArgumentException("option absent is for connector:lookup only (was " + uri + ")");
        }
        return endpoint;
    }

    private ConnectorEndpoint endpoint(String uri, String remaining) {
        String path = remaining.startsWith("//") ? remaining.substring(2) : remaining;
        if (path.equals(FETCH) || path.equals(LOOKUP) || path.equals(KEYS)) {
            return new ConnectorEndpoint(uri, this, path, null, null);
        }
        String[] parts = path.split("/");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("connector endpoint must be connector:<system>/<stream>, connector:fetch,"
                    + " connector:lookup or connector:keys (was " + uri + ")");
        }
        engine.entity(parts[0], parts[1]); // fails early, naming the known streams, when the stream does not exist
        return new ConnectorEndpoint(uri, this, FETCH, parts[0], parts[1]);
    }

    ConnectorEngine engine() {
        return engine;
    }
}
