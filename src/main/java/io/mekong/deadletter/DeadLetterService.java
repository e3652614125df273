package io.mekong.deadletter;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.mekong.config.Json;
import io.mekong.connection.ConnectionService;
import io.mekong.ops.NotInWorkspaceException;
import io.mekong.ops.WorkspaceScope;
import io.mekong.sink.DestinationReplays;
import io.mekong.sink.Destinations;
import io.mekong.store.DeadLetterFilter;
import io.mekong.store.DeadLetterView;
import io.mekong.store.DeadLetters;
import io.mekong.store.Listing;
import io.mekong.store.ReplayOutcome;
import io.mekong.sync.DeadLetterReplays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;

/**
 * Rejected records as people tend them, through the API and the console alike: list and count by filter, read one,
 * fix its payload, replay one, several or all that match. Every call is confined to the caller's workspace: another
 * workspace's dead letter is not found. Letters are shown with their connection and destination named by API id.
 */
@Service
public class DeadLetterService {

    /** Dead letters replayed per bulk request at most; a larger backlog takes several requests. */
    public static final int BULK_LIMIT = 1000;

    private static final ObjectReader STRICT = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final DeadLetters deadLetters;
    private final DeadLetterReplays sourceReplays;
    private final DestinationReplays destinationReplays;
    private final Destinations destinations;
    private final ConnectionService connections;
    private final WorkspaceScope scope;

    DeadLetterService(DeadLetters deadLetters, DeadLetterReplays sourceReplays, DestinationReplays destinationReplays,
                      Destinations destinations, ConnectionService connections, WorkspaceScope scope) {
        this.deadLetters = deadLetters;
        this.sourceReplays = sourceReplays;
        this.destinationReplays = destinationReplays;
        this.destinations = destinations;
        this.connections = connections;
        this.scope = scope;
    }

    /** @param filter its workspace, if named, must be the caller's own for a merchant */
    public Listing<DeadLetterView> list(DeadLetterFilter filter, String cursor, int limit) {
        return deadLetters.list(confined(filter), cursor, limit).map(names());
    }

    public long count(DeadLetterFilter filter) {
        return deadLetters.count(confined(filter));
    }

    public DeadLetterView get(long id) {
        return names().apply(visible(id));
    }

    /**
     * Replaces the payload of an open dead letter with {@code json}, which must be one JSON value.
     *
     * @throws MalformedPayloadException naming the line and column of the first mistake; nothing is saved
     */
    public DeadLetterView edit(long id, String json) {
        JsonNode payload = parsed(json);
        DeadLetterView letter = visible(id);
        if (!deadLetters.editPayload(id, payload.toString())) {
            throw new DeadLetterNotOpenException(id, deadLetters.find(id).map(DeadLetterView::status).orElse(letter.status()));
        }
        return get(id);
    }

    public ReplayOutcome replay(long id) {
        DeadLetterView letter = visible(id);
        if (!letter.status().equals("open")) {
            throw new DeadLetterNotOpenException(id, letter.status());
        }
        return replay(List.of(letter)).get(0);
    }

    /**
     * Replays the chosen letters; each must be the caller's to see. A letter no longer open (replayed meanwhile) is
     * reported with its status and left as it is.
     */
    public List<ReplayOutcome> replay(Collection<Long> ids) {
        List<DeadLetterView> letters = ids.stream().distinct().map(this::visible).toList();
        Map<Long, ReplayOutcome> outcomes = new HashMap<>();
        replay(letters.stream().filter(l -> l.status().equals("open")).toList()).forEach(o -> outcomes.put(o.id(), o));
        return letters.stream().map(l -> outcomes.getOrDefault(l.id(), new ReplayOutcome(l.id(), l.status(), null))).toList();
    }

    /** Replays the open dead letters matching {@code filter}, oldest first, at most {@value #BULK_LIMIT} per call. */
    public BulkReplay replayMatching(DeadLetterFilter filter) {
        List<DeadLetterView> open = deadLetters.open(confined(filter), BULK_LIMIT + 1);
        List<ReplayOutcome> outcomes = replay(open.subList(0, Math.min(open.size(), BULK_LIMIT)));
        int replayed = (int) outcomes.stream().filter(o -> o.status().equals("replayed")).count();
        return new BulkReplay(replayed, outcomes.size() - replayed, open.size() > BULK_LIMIT, outcomes);
    }

    /** @param more whether open dead letters matching the filter remain beyond this call's limit */
    public record BulkReplay(int replayed, int stillOpen, boolean more, List<ReplayOutcome> outcomes) {
    }

    /** A source's letters go through its mapping into the store again; a destination's to its target again. */
    private List<ReplayOutcome> replay(List<DeadLetterView> letters) {
        Map<Long, ReplayOutcome> outcomes = new HashMap<>();
        sourceReplays.replay(letters.stream().filter(l -> l.destinationId() == null).toList())
                .forEach(o -> outcomes.put(o.id(), o));
        destinationReplays.replay(letters.stream().filter(l -> l.destinationId() != null).toList())
                .forEach(o -> outcomes.put(o.id(), o));
        return letters.stream().map(l -> outcomes.get(l.id())).toList();
    }

    private DeadLetterFilter confined(DeadLetterFilter filter) {
        return filter.inWorkspace(scope.workspaceToList(filter.workspaceId()));
    }

    /** As stored, its connection named by the global id that replaying needs. */
    private DeadLetterView visible(long id) {
        DeadLetterView letter = deadLetters.find(id).orElseThrow(() -> new NotInWorkspaceException(NotInWorkspaceException.Kind.DEAD_LETTER, id));
        scope.checkAccess(letter.workspace(), NotInWorkspaceException.Kind.DEAD_LETTER, id);
        return letter;
    }

    /** Names connections and destinations by their API ids, reading each once per call. */
    private UnaryOperator<DeadLetterView> names() {
        Map<String, String> connectionIds = new HashMap<>();
        Map<Long, String> destinationIds = new HashMap<>();
        return letter -> {
            DeadLetterView named = letter.withConnection(connectionIds.computeIfAbsent(letter.connection(),
                    id -> connections.apiId(id).orElse(id)));
            return letter.destinationId() == null ? named : named.withDestination(destinationIds.computeIfAbsent(
                    letter.destinationId(), id -> destinations.find(id).map(d -> d.destination().apiId()).orElse(null)));
        };
    }

    /**
     * The parser's words without what it adds for programmers: where an enclosing array or object began ({@code (for
     * Array starting at [Source: ...; line: 3, column: 12])}, {@code (start marker at [Source: ...])}) and its notes
     * on the next lines.
     */
    private static String withoutLocation(String problem) {
        String words = problem.lines().findFirst().orElse(problem);
        int source = words.indexOf("[Source:");
        int aside = source < 0 ? -1 : words.lastIndexOf(" (", source);
        return aside < 0 ? words : words.substring(0, aside);
    }

    private static JsonNode parsed(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedPayloadException(0, 0, "the payload is empty");
        }
        try {
            return STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new MalformedPayloadException(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    withoutLocation(e.getOriginalMessage()));
        }
    }
}
