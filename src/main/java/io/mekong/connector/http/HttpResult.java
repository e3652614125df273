package io.mekong.connector.http;

import io.mekong.config.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A response as received: status, headers and body text, with the body parsed as JSON on demand. */
public final class HttpResult {


    private final int status;
    private final Map<String, List<String>> headers;
    private final String body;
    private final boolean ignored;
    private JsonNode json;
    private String jsonProblem;
    private boolean parsed;

    public HttpResult(int status, Map<String, List<String>> headers, String body) {
        this(status, headers, body, false);
    }

    private HttpResult(int status, Map<String, List<String>> headers, String body, boolean ignored) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body == null ? "" : body;
        this.ignored = ignored;
    }

    /** This response, which a response filter says to treat as an empty answer (no records). */
    HttpResult asIgnored() {
        return new HttpResult(status, headers, body, true);
    }

    /** Whether a response filter ({@code action: ignore}) turned this response into an empty answer. */
    public boolean ignored() {
        return ignored;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** First value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    /** The body as JSON, or null when it is empty or not Json.MAPPER. */
    public synchronized JsonNode json() {
        if (!parsed) {
            parsed = true;
            try {
                json = body.isBlank() ? null : Json.MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                json = null;
                // the parser quotes a word it did not expect: body text, so it is left out
                jsonProblem = VendorText.clean(e.getOriginalMessage().replaceAll("(?s)token '.*': was expecting", "token '…': was expecting"))
                        + (e.getLocation() == null ? ""
                        : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr());
            }
        }
        return json;
    }

    /** Why the body is not JSON (the parser's reason and where), or null when it is JSON or empty. */
    public synchronized String jsonProblem() {
        json();
        return jsonProblem;
    }

    /** "is not JSON: (the parser's reason) (a text/html body)", for a response whose body could not be read. */
    public String notJson() {
        String problem = jsonProblem();
        if (problem == null) {
            return "is not JSON (empty body)";
        }
        String type = header("Content-Type").map(t -> t.split(";", 2)[0].strip()).orElse("");
        return "is not JSON: " + problem + (type.isEmpty() || type.contains("json") ? "" : " (a " + VendorText.clean(type) + " body)");
    }

    /** What the body is, without any of it: "a 1204-character text/html body". */
    public String summary() {
        String type = header("Content-Type").map(t -> t.split(";", 2)[0].strip()).orElse("");
        return "a " + body.length() + "-character " + (type.isEmpty() ? "" : VendorText.clean(type) + " ") + "body";
    }
}
