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
import java.util.List;

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
    }

    /**
     * @param checkpoint the last committed checkpoint of this (connection, stream), or null
     * @param pageToken  null to start a run, else the previous page's {@link Page#nextPageToken()}
     */
    public Page read(JsonNode checkpoint, String pageToken) {
        PageToken token = pageToken == null ? firstPage(checkpoint) : PageToken.decode(pageToken);
        PageRequest request = new PageRequest(JsonNodeFactory.instance.objectNode());
        if (spec.request() != null) {
            spec.request().params().forEach((name, value) -> request.param(name, requests.render(value)));
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
        HttpResult result = requester.execute(call, stream);
        JsonNode body = spec.graphql() != null ? GraphqlErrors.requireData(system, call, result) : result.json();
        List<JsonNode> records = body == null ? null : selector.select(body);
        if (records == null) {
            throw new ConnectorException(system + ": response of " + call.describe() + " for stream " + stream
                    + " has nothing at " + selector.describe(), result.status());
        }
        // paging is decided on the list as listed; what is stored is the completed record
        String next = paginator.next(result, records, token.position());
        for (DetailFetcher detail : details) {
            if (!records.isEmpty()) {
                records = detail.complete(records);
            }
        }
        if (coercion != null) {
            records.forEach(coercion::apply);
        }
        String position = cursor == null ? null : cursor.advance(token.cursor(), records);
        if (windows != null) {
            if (next != null) {
                return new Page(records, new PageToken(null, next, null, token.window(), token.runEnd()).encode(), null);
            }
            PageToken nextWindow = windows.nextWindow(token);
            return new Page(records, nextWindow == null ? null : nextWindow.encode(), windows.checkpointAfter(token));
        }
        String nextToken = next == null ? null : new PageToken(token.filter(), next, position).encode();
        // newest-first or unordered records move the checkpoint only once the whole run is read
        boolean checkpointNow = cursor != null && (spec.cursor().ascending() || next == null);
        return new Page(records, nextToken, checkpointNow ? cursor.checkpoint(position) : null);
    }

    private PageToken firstPage(JsonNode checkpoint) {
        if (windows != null) {
            return windows.firstPage(checkpoint);
        }
        if (cursor == null) {
            return new PageToken(null, null, null);
        }
        String committed = cursor.position(checkpoint);
        return new PageToken(cursor.filter(committed), null, committed);
    }
}
