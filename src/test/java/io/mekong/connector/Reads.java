package io.mekong.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A whole run of one stream read page by page, as a sync would, for tests of connectors against simulators. */
public final class Reads {

    private Reads() {
    }

    public static List<Page> readAll(ConnectorEngine engine, ConnectionContext connection, String stream, JsonNode checkpoint) {
        List<Page> pages = new ArrayList<>();
        Page page = engine.fetch(connection, stream, checkpoint, null);
        pages.add(page);
        while (page.hasMore()) {
            page = engine.fetch(connection, stream, checkpoint, page.nextPageToken());
            pages.add(page);
        }
        return pages;
    }

    public static List<JsonNode> records(List<Page> pages) {
        return pages.stream().flatMap(p -> p.records().stream()).toList();
    }
}
