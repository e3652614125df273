package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.Page;
import io.mekong.connector.http.GraphqlErrors;
import io.mekong.connector.http.HttpCall;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.http.RequestFactory;
import io.mekong.connector.http.Requester;
import io.mekong.connector.spec.StreamSpec;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one page of one stream of one connection: requester + paginator + record selector + cursor, in the
 * Kafka Connect {@code poll} sense. Stateless between calls: where the run is travels in the page token,
 * where the last committed run ended travels in the checkpoint.
 */
public final class StreamReader {

    private final String system;
    private final String stream;
    private final StreamSpec spec;
    private final Requester requester;
    private final RequestFactory requests;
    private final Paginator paginator;
    private final RecordSelector selector;
    private final IncrementalCursor cursor;
    private final RecordCoercion coercion;
    private final TimeWindows windows;
    private final List<DetailFetcher> details;
    private final List<ChildFetcher> children;
    private final RecordLookup lookup;

    public StreamReader(String system, String stream, StreamSpec spec, Requester requester, RequestFactory requests,
                        Clock clock) {
        this.system = system;
        this.stream = stream;
        this.spec = spec;
        this.requester = requester;
        this.requests = requests;
        this.paginator = Paginators.of(spec);
        this.selector = new RecordSelector(spec.recordPointer(), spec.primaryKey());
        this.cursor = spec.cursor() == null ? null : new DatetimeCursor(spec.cursor());
        this.coercion = spec.coerce() == null ? null : new RecordCoercion(spec.coerce());
        this.windows = spec.window() == null ? null : new TimeWindows(spec.window(), clock);
        this.details = spec.details().stream()
                .map(d -> new DetailFetcher(system, stream, d, spec.primaryKey(), requester, requests)).toList();
        this.children = spec.children().stream()
                .map(c -> new ChildFetcher(system, stream, c, requester, requests)).toList();
        this.lookup = spec.canLookUp() ? new RecordLookup(system, stream, spec, requester, requests) : null;
    }

    /**
     * Reads records again by key, completed as a listed page is; keys the system no longer knows are left out.
     *
     * @throws IllegalStateException when the stream cannot look records up (no {@code lookup}, no replacing details)
     */
    public List<JsonNode> lookup(List<String> keys) {
        if (lookup == null) {
            throw new IllegalStateException(system + ": stream " + stream + " cannot read records by key: it has no lookup");
        }
        List<JsonNode> records = lookup.read(keys);
        if (!details.isEmpty() || !children.isEmpty()) {
            List<JsonNode> completed = complete(records, new MissingDetails());
            // a record whose detail could not be read is not gone: the lookup fails, to be tried again
            for (JsonNode record : completed) {
                for (DetailFetcher detail : details) {
                    String problem = detail.problemOf(record);
                    if (problem != null) {
                        throw new ConnectorException(problem + " (reading " + stream + " records again by key)", 0);
                    }
                }
            }
            records = spec.lookup() != null ? completed : replaced(records, completed);
        }
        if (coercion != null) {
            records.forEach(coercion::apply);
        }
        return records;
    }

    /** The stubs that a detail replaced; a stub left as it was is a key the system did not answer for. */
    static List<JsonNode> replaced(List<JsonNode> stubs, List<JsonNode> completed) {
        List<JsonNode> found = new ArrayList<>();
        for (int i = 0; i < stubs.size(); i++) {
            if (completed.get(i) != stubs.get(i)) {
                found.add(completed.get(i));
            }
        }
        return found;
    }

    /**
     * @param checkpoint the last committed checkpoint of this (connection, stream), or null
     * @param pageToken  null to start a run, else the previous page's {@link Page#nextPageToken()}
     */
    public Page read(JsonNode checkpoint, String pageToken) {
        PageToken token = pageToken == null ? firstPage(checkpoint) : PageToken.decode(pageToken);
        Listed listed = list(token, Map.of());
        List<JsonNode> records = listed.records();
        String next = listed.next();
        // paging is decided on the list as listed; what is stored is the completed record
        MissingDetails missing = new MissingDetails();
        records = complete(records, missing);
        if (coercion != null) {
            records.forEach(coercion::apply);
        }
        String position = cursor == null ? null : cursor.advance(token.cursor(), records);
        if (next != null && paginator.beyondReach(next)) {
            return slide(listed.call(), records, token, position, missing);
        }
        if (windows != null) {
            if (next != null) {
                return new Page(records, new PageToken(null, next, null, token.window(), token.runEnd(), listed.seen())
                        .encode(), null, missing.asMap());
            }
            PageToken nextWindow = windows.nextWindow(token);
            return new Page(records, nextWindow == null ? null : nextWindow.encode(), windows.checkpointAfter(token),
                    missing.asMap());
        }
        String nextToken = next == null ? null
                : new PageToken(token.filter(), next, position, null, null, listed.seen()).encode();
        // newest-first or unordered records move the checkpoint only once the whole run is read
        boolean checkpointNow = cursor != null && (spec.cursor().ascending() || next == null);
        return new Page(records, nextToken, checkpointNow ? cursor.checkpoint(position) : null, missing.asMap());
    }

    /** The listed records completed by each details block in turn, then given their children. */
    private List<JsonNode> complete(List<JsonNode> listed, MissingDetails missing) {
        List<JsonNode> records = listed;
        for (DetailFetcher detail : details) {
            if (!records.isEmpty()) {
                records = detail.complete(records, missing);
            }
        }
        for (ChildFetcher child : children) {
            child.attach(records, missing);
        }
        return records;
    }

    /** One page of the stream's keys, read without its filter, with {@code sweep.params} added. */
    public KeyPage keys(String pageToken) {
        PageToken token = pageToken == null ? new PageToken(null, null, null) : PageToken.decode(pageToken);
        Listed listed = list(token, spec.sweep().params());
        List<String> keys = listed.records().stream().map(r -> r.path(spec.primaryKey()).asText(null))
                .filter(k -> k != null && !k.isEmpty()).toList();
        return new KeyPage(keys, listed.next() == null ? null
                : new PageToken(null, listed.next(), null, null, null, listed.seen()).encode());
    }

    /** Keys of one page, and the token of the next page (null at the end). */
    public record KeyPage(List<String> keys, String nextPageToken) {
    }

    /** @param seen what the next page's token remembers of this run's pages, see {@link PageLoopGuard} */
    private record Listed(List<JsonNode> records, String next, HttpCall call, List<String> seen) {
    }

    /** The page at {@code token} as the system lists it, and the paginator's next position. */
    private Listed list(PageToken token, Map<String, String> extraParams) {
        PageRequest request = new PageRequest(JsonNodeFactory.instance.objectNode());
        if (spec.request() != null) {
            spec.request().params().forEach((name, value) -> request.param(name, requests.render(value)));
            extraParams.forEach((name, value) -> request.param(name, requests.render(value)));
        }
        if (cursor != null) {
            cursor.apply(request, token.filter());
        }
        if (windows != null) {
            windows.apply(request, token);
        }
        paginator.apply(request, token.position());
        HttpCall call = spec.graphql() != null
                ? requests.graphql(spec.graphql().query(), request.variables())
                : requests.rest(spec.request().method(), requests.render(spec.request().path()), request.params());
        HttpResult result = requester.execute(call, stream, spec.responseFilters());
        if (result.ignored()) {
            return new Listed(List.of(), null, call, null);
        }
        JsonNode body = spec.graphql() != null ? GraphqlErrors.requireData(system, call, result) : result.json();
        if (body == null) {
            throw new ConnectorException(system + ": response of " + call.describe() + " for stream " + stream + " "
                    + result.notJson(), result.status());
        }
        List<JsonNode> records = selector.select(body);
        if (records == null) {
            throw new ConnectorException(system + ": response of " + call.describe() + " for stream " + stream
                    + " has nothing at " + selector.describe(), result.status());
        }
        String next = paginator.next(result, records, token.position());
        return new Listed(records, next, call, PageLoopGuard.check(system, stream, paginator, token.seen(), next, records));
    }

    /**
     * The next page lies past the offsets the server accepts: the run goes on from page one of a filter that starts
     * at the latest cursor value read (minus the lookback), as Lazada advises instead of deep offsets. Only records
     * that come oldest first can be read on that way.
     */
    private Page slide(HttpCall call, List<JsonNode> records, PageToken token, String position, MissingDetails missing) {
        boolean slides = cursor != null && windows == null && spec.cursor().ascending();
        String filter = slides ? cursor.filter(position) : null;
        if (filter == null || filter.equals(token.filter())) {
            throw new ConnectorException(system + ": stream " + stream + " reached the largest offset "
                    + call.describe() + " accepts" + (!slides ? " and has no ascending cursor to go on from"
                    : ", and every record on the way has the same " + spec.cursor().field() + " " + position
                    + ", so sliding the filter cannot get further"), 0);
        }
        return new Page(records, new PageToken(filter, null, position).encode(), cursor.checkpoint(position), missing.asMap());
    }

    private PageToken firstPage(JsonNode checkpoint) {
        if (windows != null) {
            return windows.firstPage(checkpoint);
        }
        if (cursor == null) {
            return new PageToken(null, null, null);
        }
        String committed = cursor.position(checkpoint);
        if (committed == null && spec.cursor().start() != null) {
            committed = start();
        }
        return new PageToken(cursor.filter(committed), null, committed);
    }

    /** Where a connection's first run starts, for APIs that refuse to list without a time filter. */
    private String start() {
        String rendered = requests.render(spec.cursor().start());
        try {
            return OffsetDateTime.parse(rendered).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw new ConnectorException(system + ": stream " + stream + ": cursor.start is '" + rendered
                    + "', not an ISO-8601 time with offset such as 2012-03-01T00:00:00+07:00", 0);
        }
    }
}
