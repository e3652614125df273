package io.mekong.camel;

import java.util.List;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * A component whose endpoints name one of a fixed set of operations ({@code store:commit}, {@code webhook:claim}) and
 * only receive: routes send to them; nothing consumes from them. An unknown operation is refused when the route is
 * built, naming the known ones.
 */
public abstract class OperationComponent extends DefaultComponent {

    private final String scheme;
    private final List<String> operations;

    protected OperationComponent(String scheme, List<String> operations) {
        this.scheme = scheme;
        this.operations = List.copyOf(operations);
    }

    /** Runs one operation on the exchange's message. */
    protected abstract void process(String operation, Exchange exchange) throws Exception;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!operations.contains(remaining)) {
            throw new IllegalArgumentException("Unknown " + scheme + " operation '" + remaining + "' in " + uri
                    + "; use one of " + operations.stream().map(op -> scheme + ":" + op).toList());
        }
        return new DefaultEndpoint(uri, this) {
            @Override
            public Producer createProducer() {
                return new DefaultProducer(this) {
                    @Override
                    public void process(Exchange exchange) throws Exception {
                        OperationComponent.this.process(remaining, exchange);
                    }
                };
            }

            @Override
            public Consumer createConsumer(Processor processor) {
                throw new UnsupportedOperationException(scheme + ": endpoints only receive; routes send to them (" + uri + ")");
            }
        };
    }
}
