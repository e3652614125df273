package io.mekong.connector.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine call a contract case makes, and what came of it:
 * {@code fetch} reads every page of a stream from an optional {@code checkpoint}, following the page tokens as a sync
 * does; {@code lookup} reads records again by {@code keys}; {@code keys} lists a stream's keys for a sweep.
 */
record EngineCall(String operation, String stream, JsonNode checkpoint, List<String> keys) {

    static EngineCall of(JsonNode call) {
        String operation = call.path("operation").asText();
        if (!List.of("fetch", "lookup", "keys").contains(operation)) {
            throw new IllegalArgumentException("call.operation must be fetch, lookup or keys, not '" + operation + "'");
        }
        if (!call.hasNonNull("stream")) {
            throw new IllegalArgumentException("call.stream is missing");
        }
        List<String> keys = new ArrayList<>();
        call.path("keys").forEach(k -> keys.add(k.asText()));
        JsonNode checkpoint = call.get("checkpoint");
        return new EngineCall(operation, call.get("stream").asText(), checkpoint == null || checkpoint.isNull() ? null : checkpoint, keys);
    }

    ObjectNode toJson() {
        ObjectNode call = JsonNodeFactory.instance.objectNode().put("operation", operation).put("stream", stream);
        if (checkpoint != null) {
            call.set("checkpoint", checkpoint);
        }
        if (!keys.isEmpty()) {
            ArrayNode list = call.putArray("keys");
            keys.forEach(list::add);
        }
        return call;
    }

    /**
     * What the engine gave: the pages read (fetch), the records (lookup) or keys (keys), and the error that ended the
     * call, if any.
     */
    record Outcome(List<Page> pages, List<JsonNode> records, List<String> keys, ConnectorException error) {

        /** The outcome as a case's {@code expect} block (without sleeps and secrets, which the caller knows). */
        ObjectNode toExpect(String operation) {
            ObjectNode expect = JsonNodeFactory.instance.objectNode();
            switch (operation) {
                case "fetch" -> {
                    ArrayNode list = expect.putArray("pages");
                    for (Page page : pages) {
                        ObjectNode p = list.addObject();
                        p.putArray("records").addAll(page.records());
                        p.put("nextPageToken", page.nextPageToken());
                        p.set("checkpoint", page.checkpoint());
                    }
                }
                case "lookup" -> expect.putArray("records").addAll(records);
                default -> keys.forEach(expect.putArray("keys")::add);
            }
            if (error != null) {
                expect.putObject("error").put("status", error.status()).put("message", error.getMessage());
            }
            return expect;
        }
    }

    Outcome run(ConnectorEngine engine, ConnectionContext connection) {
        List<Page> pages = new ArrayList<>();
        List<JsonNode> records = List.of();
        List<String> listed = List.of();
        try {
            switch (operation) {
                case "fetch" -> {
                    String token = null;
                    do {
                        Page page = engine.fetch(connection, stream, checkpoint, token);
                        pages.add(page);
                        token = page.nextPageToken();
                    } while (token != null);
                }
                case "lookup" -> records = engine.lookup(connection, stream, keys);
                default -> listed = List.copyOf(engine.keys(connection, stream, null));
            }
            return new Outcome(pages, records, listed, null);
        } catch (ConnectorException e) {
            return new Outcome(pages, records, listed, e);
        }
    }
}
