package io.mekong.connector.camel;

import io.mekong.config.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.Headers;
import io.mekong.connector.Page;
import io.mekong.connector.PageBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Reads one batch per exchange: one API page, or as many as it takes to reach the endpoint's {@code minRecords}. In: {@link Headers#CONNECTION}, {@link Headers#CHECKPOINT},
 * {@link Headers#PAGE_TOKEN}, {@link Headers#PAGE_BUDGET} (optional; and {@link Headers#SYSTEM}/{@link Headers#STREAM} overrides). Out: body =
 * {@code List<JsonNode>} records; {@link Headers#PAGE_TOKEN}, {@link Headers#HAS_MORE},
 * {@link Headers#CHECKPOINT_NEXT}, {@link Headers#ENTITY}.
 */
public class ConnectorProducer extends StreamProducer {


    private static final String READ_AHEAD = "MekongReadAhead";

    private ExecutorService readAheadPool;

    ConnectorProducer(ConnectorEndpoint endpoint, ConnectorEngine engine) {
        super(endpoint, engine);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ConnectorEndpoint endpoint = getEndpoint();
        Message message = exchange.getMessage();
        ConnectionContext connection = connection(message);
        String stream = stream(message);
        JsonNode checkpoint = checkpoint(message.getHeader(Headers.CHECKPOINT));
        String token = message.getHeader(Headers.PAGE_TOKEN, String.class);
        PageBudget budget = message.getHeader(Headers.PAGE_BUDGET, PageBudget.class);
        Page batch = takeReadAhead(exchange, token).orElse(null);
        if (batch == null) {
            batch = readBatch(connection, stream, checkpoint, token, endpoint.getMinRecords(), budget);
        }
        message.setBody(batch.records());
        message.setHeader(Headers.PAGE_TOKEN, batch.nextPageToken());
        message.setHeader(Headers.HAS_MORE, batch.hasMore());
        message.setHeader(Headers.CHECKPOINT_NEXT, batch.checkpoint());
        message.setHeader(Headers.MISSING_DETAILS, batch.missingDetails());
        message.setHeader(Headers.ENTITY, engine.entity(connection.connector(), stream));
        if (endpoint.isReadAhead() && batch.hasMore()) {
            readAhead(exchange, connection, stream, checkpoint, batch.nextPageToken(), endpoint.getMinRecords(), budget);
        }
    }

    /** API pages from {@code token} until at least {@code minRecords} records, as one page with the last token and checkpoint. */
    private Page readBatch(ConnectionContext connection, String stream, JsonNode checkpoint, String token, int minRecords,
                           PageBudget budget) {
        Page page = fetch(connection, stream, checkpoint, token, budget);
        if (!page.hasMore() || page.records().size() >= minRecords) {
            return page;
        }
        List<JsonNode> records = new ArrayList<>(page.records());
        Map<String, Integer> missing = new HashMap<>(page.missingDetails());
        while (page.hasMore() && records.size() < minRecords) {
            page = fetch(connection, stream, checkpoint, page.nextPageToken(), budget);
            records.addAll(page.records());
            page.missingDetails().forEach((name, count) -> missing.merge(name, count, Integer::sum));
        }
        return new Page(records, page.nextPageToken(), page.checkpoint(), missing);
    }

    private Page fetch(ConnectionContext connection, String stream, JsonNode checkpoint, String token, PageBudget budget) {
        if (budget != null) {
            budget.spend();
        }
        return engine.fetch(connection, stream, checkpoint, token);
    }

    /**
     * Starts reading the next batch while the route maps and stores this one. Reads have no side effects, so a
     * read ahead that is never used (the store failed, the hub stopped) is simply cancelled.
     */
    private void readAhead(Exchange exchange, ConnectionContext connection, String stream, JsonNode checkpoint,
                           String token, int minRecords, PageBudget budget) {
        Future<Page> next = readAheadPool.submit(() -> readBatch(connection, stream, checkpoint, token, minRecords, budget));
        ReadAhead previous = exchange.getProperty(READ_AHEAD, ReadAhead.class);
        exchange.setProperty(READ_AHEAD, new ReadAhead(token, next));
        if (previous == null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    ReadAhead left = done.getProperty(READ_AHEAD, ReadAhead.class);
                    if (left != null) {
                        left.batch().cancel(true);
                    }
                }
            });
        }
    }

    private static Optional<Page> takeReadAhead(Exchange exchange, String token) throws Exception {
        ReadAhead ahead = exchange.getProperty(READ_AHEAD, ReadAhead.class);
        if (ahead == null) {
            return Optional.empty();
        }
        exchange.removeProperty(READ_AHEAD);
        if (!ahead.token().equals(token)) {
            ahead.batch().cancel(true);
            return Optional.empty();
        }
        try {
            return Optional.of(ahead.batch().get());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** A batch being read for the page token it starts at. */
    private record ReadAhead(String token, Future<Page> batch) {
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        readAheadPool = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newCachedThreadPool(this, "connector-read-ahead");
    }

    @Override
    protected void doStop() throws Exception {
        if (readAheadPool != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(readAheadPool);
        }
        super.doStop();
    }

    /** Routes may carry the checkpoint as JsonNode or as its JSON text (e.g. read from a jsonb column). */
    private static JsonNode checkpoint(Object header) throws Exception {
        if (header == null || header instanceof JsonNode) {
            return (JsonNode) header;
        }
        String text = header.toString();
        return text.isBlank() ? null : Json.MAPPER.readTree(text);
    }
}
