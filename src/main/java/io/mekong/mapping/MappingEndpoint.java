package io.mekong.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import java.util.List;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/** One {@code mapping:<system>/<entity>} endpoint; producer only. */
public class MappingEndpoint extends DefaultEndpoint {

    private final MappingEngine engine;
    private final String system;
    private final String entity;

    MappingEndpoint(String uri, MappingComponent component, MappingEngine engine, String system, String entity) {
        super(uri, component);
        this.engine = engine;
        this.system = system;
        this.entity = entity;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws InvalidPayloadException {
                ConnectionContext connection = exchange.getMessage()
                        .getHeader(MappingComponent.CONNECTION_HEADER, ConnectionContext.class);
                Map<String, Object> params = connection == null ? Map.of() : connection.params();
                @SuppressWarnings("unchecked")
                List<JsonNode> records = exchange.getMessage().getMandatoryBody(List.class);
                exchange.getMessage().setBody(engine.map(system, entity, records, params));
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("mapping: is a producer only (use it in to(...))");
    }
}
