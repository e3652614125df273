package io.mekong.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.camel.OperationComponent;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.Headers;
import io.mekong.mapping.MappedPage;
import io.mekong.webhook.InboxBatch;
import io.mekong.webhook.WebhookInbox;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * {@code store:} — the store steps of the routes, each one transaction at most:
 * <ul>
 * <li>{@code store:commit}: stores a {@link MappedPage} (the body) with {@link PageCommitter}: canonical rows, raw
 *     landing, dead letters, the run's counts, the checkpoint in {@link Headers#CHECKPOINT_NEXT} (saved under
 *     {@link Headers#CHECKPOINT_KEY}, else the stream) and the settling of {@link Headers#ORIGINS}; sets
 *     {@link Headers#PAGE_OUTCOME}.</li>
 * <li>{@code store:tombstone}: body = the keys of deleted records; a webhook batch in {@link Headers#ORIGINS} dates
 *     them by its events and is settled with them, otherwise they are dated {@link Headers#LISTED_AT} and counted in
 *     the run's {@code deleted} with the checkpoint (a sweep).</li>
 * <li>{@code store:unlisted}: body = every key a source listed → the stored records missing from it, among those
 *     last changed before {@link Headers#LISTED_AT}.</li>
 * <li>{@code store:payloads}: body = dead letters of one connection and entity → their payloads to map again; sets
 *     {@link Headers#ORIGINS} to a {@link ReplayMarks} whose {@code outcomes()} say what became of each.</li>
 * <li>{@code store:abandoned-checkouts}: one pass of {@link AbandonedCheckouts}, in its own transaction; body = the
 *     checkouts it marked ({@code List<AbandonedCheckouts.Marked>}), {@link Headers#HAS_MORE} when the pass was full.</li>
 * </ul>
 */
// Prototype: every CamelContext that resolves "store" (the app's, and the throwaway one that checks route files)
// gets its own instance, since a component belongs to exactly one context.
@Component("store")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class StoreComponent extends OperationComponent {

    private final PageCommitter committer;
    private final Tombstones tombstones;
    private final DeadLetters deadLetters;
    private final WebhookInbox inbox;
    private final AbandonedCheckouts abandonedCheckouts;

    public StoreComponent(PageCommitter committer, Tombstones tombstones, DeadLetters deadLetters, WebhookInbox inbox,
                          AbandonedCheckouts abandonedCheckouts) {
        super("store", List.of("commit", "tombstone", "unlisted", "payloads", "abandoned-checkouts"));
        this.committer = committer;
        this.tombstones = tombstones;
        this.deadLetters = deadLetters;
        this.inbox = inbox;
        this.abandonedCheckouts = abandonedCheckouts;
    }

    @Override
    protected void process(String operation, Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        switch (operation) {
            case "commit" -> commit(in);
            case "tombstone" -> tombstone(in);
            case "unlisted" -> unlisted(in);
            case "abandoned-checkouts" -> abandonedCheckouts(in);
            default -> payloads(in);
        }
    }

    private void commit(Message in) throws InvalidPayloadException, JsonProcessingException {
        PageCommit commit = new PageCommit(in.getHeader(Headers.RUN_ID, Long.class), connection(in),
                in.getHeader(Headers.STREAM, String.class), in.getMandatoryBody(MappedPage.class),
                checkpoint(in), in.getHeader(Headers.CHECKPOINT_KEY, String.class), origins(in),
                in.getHeader(Headers.MISSING_DETAILS, Map.class));
        in.setHeader(Headers.PAGE_OUTCOME, committer.commit(commit));
    }

    private void tombstone(Message in) throws Exception {
        ConnectionContext connection = connection(in);
        String entity = required(in, Headers.ENTITY, String.class);
        if (in.getHeader(Headers.ORIGINS) instanceof InboxBatch batch) {
            InboxMarks marks = new InboxMarks(batch, inbox);
            tombstones.bury(connection.connectionId(), entity, batch.deletedAt(), null, marks::settleDeletions);
            return;
        }
        Instant listedAt = required(in, Headers.LISTED_AT, Instant.class);
        Map<String, Instant> deletedAt = new HashMap<>();
        in.getMandatoryBody(Collection.class).forEach(key -> deletedAt.put(key.toString(), listedAt));
        Long runId = in.getHeader(Headers.RUN_ID, Long.class);
        String stream = in.getHeader(Headers.STREAM, String.class);
        Tombstones.SweepMark sweep = runId == null || stream == null ? null : new Tombstones.SweepMark(runId, stream,
                in.getHeader(Headers.CHECKPOINT_KEY, stream, String.class), checkpoint(in));
        in.setBody(tombstones.bury(connection.connectionId(), entity, deletedAt, sweep, null));
    }

    private void unlisted(Message in) throws Exception {
        in.setBody(tombstones.missingFrom(connection(in).connectionId(), required(in, Headers.ENTITY, String.class),
                in.getMandatoryBody(Collection.class), required(in, Headers.LISTED_AT, Instant.class)));
    }

    private void payloads(Message in) throws InvalidPayloadException {
        @SuppressWarnings("unchecked")
        List<DeadLetterView> letters = in.getMandatoryBody(List.class);
        ReplayMarks marks = new ReplayMarks(deadLetters, letters);
        in.setBody(marks.payloads());
        in.setHeader(Headers.ORIGINS, marks);
    }

    private void abandonedCheckouts(Message in) {
        List<AbandonedCheckouts.Marked> marked = abandonedCheckouts.scan();
        in.setBody(marked);
        in.setHeader(Headers.HAS_MORE, marked.size() >= abandonedCheckouts.batchSize());
    }

    private PageOrigins origins(Message in) {
        Object origins = in.getHeader(Headers.ORIGINS);
        if (origins instanceof InboxBatch batch) {
            return new InboxMarks(batch, inbox);
        }
        return origins instanceof PageOrigins page ? page : null;
    }

    private static <T> T required(Message in, String header, Class<T> type) {
        T value = in.getHeader(header, type);
        if (value == null) {
            throw new IllegalArgumentException("header " + header + " (" + type.getSimpleName() + ") is required by store:");
        }
        return value;
    }

    /** Routes may carry the checkpoint as JsonNode or as its JSON text (a sweep's, written in the route). */
    private static JsonNode checkpoint(Message in) throws JsonProcessingException {
        Object checkpoint = in.getHeader(Headers.CHECKPOINT_NEXT);
        return checkpoint == null || checkpoint instanceof JsonNode ? (JsonNode) checkpoint : Json.MAPPER.readTree(checkpoint.toString());
    }

    private static ConnectionContext connection(Message in) {
        ConnectionContext connection = in.getHeader(Headers.CONNECTION, ConnectionContext.class);
        if (connection == null) {
            throw new IllegalArgumentException("header " + Headers.CONNECTION + " (a ConnectionContext) is required by store:");
        }
        return connection;
    }
}
