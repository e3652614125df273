package io.mekong.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.Headers;
import io.mekong.mapping.MappedPage;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * {@code store:commit} — stores a {@link MappedPage} (the body) with {@link PageCommitter}: canonical rows, raw
 * landing, dead letters, the run's counts and the checkpoint in header {@link Headers#CHECKPOINT_NEXT}, all in one
 * transaction. Sets {@link Headers#PAGE_OUTCOME} to the page's counts.
 */
// Prototype: every CamelContext that resolves "store" (the app's, and the throwaway one that checks route files)
// gets its own instance, since a component belongs to exactly one context.
@Component("store")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class StoreComponent extends DefaultComponent {

    private final PageCommitter committer;

    public StoreComponent(PageCommitter committer) {
        this.committer = committer;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!remaining.equals("commit")) {
            throw new IllegalArgumentException("Unknown store operation '" + remaining + "' in " + uri + "; use store:commit");
        }
        return new DefaultEndpoint(uri, this) {
            @Override
            public Producer createProducer() {
                return new DefaultProducer(this) {
                    @Override
                    public void process(Exchange exchange) throws InvalidPayloadException {
                        Message in = exchange.getIn();
                        PageCommit commit = new PageCommit(in.getHeader(Headers.RUN_ID, Long.class),
                                in.getHeader(Headers.CONNECTION, ConnectionContext.class),
                                in.getHeader(Headers.STREAM, String.class),
                                in.getMandatoryBody(MappedPage.class),
                                in.getHeader(Headers.CHECKPOINT_NEXT, JsonNode.class),
                                in.getHeader(Headers.MISSING_DETAILS, Map.class));
                        in.setHeader(Headers.PAGE_OUTCOME, committer.commit(commit));
                    }
                };
            }

            @Override
            public org.apache.camel.Consumer createConsumer(org.apache.camel.Processor processor) {
                throw new UnsupportedOperationException("store: endpoints only receive; they cannot be consumed from");
            }
        };
    }
}
