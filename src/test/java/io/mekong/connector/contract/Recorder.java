package io.mekong.connector.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.FakeTime;
import io.mekong.connector.StubServer;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.ratelimit.InMemoryBudgetLedger;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.SimulatorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a contract case by running an engine call against a simulator through a recording HTTP server: every
 * request and answer becomes an exchange, and what the engine gave becomes {@code expect}. Run by
 * {@link RecordContractCases}; the files it writes are then read by eye and committed.
 */
final class Recorder {

    /** Headers the HTTP client or server sets on its own, which say nothing about the connector. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("host", "content-length", "connection", "user-agent",
            "accept-encoding", "transfer-encoding", "upgrade", "http2-settings", "date", "keep-alive");
    /** OAuth 1.0a values drawn at random on every request; the signature covers them (and the server's port). */
    private static final Pattern OAUTH_VOLATILE = Pattern.compile("(oauth_nonce|oauth_signature)=\"[^\"]*\"");

    /**
     * @param description what the case shows, one or two sentences
     * @param time        the simulator's clock at the moment the call starts (the case's {@code now}); it moves by
     *                    every wait of the engine, whose own clock stays at {@code now}
     * @param connection  its params may hold {@value RecordedExchange#SERVER}, the recording server's address
     * @param trims       fields to keep in the answers' records, so that big pages stay readable
     * @param fields      when not null, the pages' records are expected by these top-level fields only
     * @param sleeps      whether {@code expect.sleeps} is written; not when concurrent requests (child requests
     *                    beyond the rate limit's burst) make the order of the waits vary from run to run
     */
    record Scenario(String connector, String name, String description, FakeTime time, HttpSimulator simulator,
                    ConnectionContext connection, EngineCall call, List<FieldTrim> trims, List<String> fields,
                    boolean sleeps) {

        Scenario(String connector, String name, String description, FakeTime time, HttpSimulator simulator,
                 ConnectionContext connection, EngineCall call) {
            this(connector, name, description, time, simulator, connection, call, List.of(), null, true);
        }

        Scenario trimming(FieldTrim... trims) {
            return new Scenario(connector, name, description, time, simulator, connection, call, List.of(trims), fields, sleeps);
        }

        Scenario expectingFields(String... fields) {
            return new Scenario(connector, name, description, time, simulator, connection, call, trims, List.of(fields), sleeps);
        }

        /** No {@code expect.sleeps}: the waits of concurrent requests come in an order that varies by run. */
        Scenario notExpectingSleeps() {
            return new Scenario(connector, name, description, time, simulator, connection, call, trims, fields, false);
        }
    }

    private final ConnectorRegistry connectors = ConnectorRegistry.load(ContractCase.CONNECTORS);

    void record(Scenario scenario) throws IOException {
        List<ObjectNode> exchanges = new CopyOnWriteArrayList<>();
        Instant now = scenario.time().instant();
        List<Integer> answeredBeforeSleep = new ArrayList<>();
        CaseClock time = new CaseClock(now, wait -> {
            answeredBeforeSleep.add(exchanges.size());
            scenario.time().sleep(wait);
        });
        CredentialStore credentials = CredentialStore.inMemory();
        ConnectorEngine engine = new ConnectorEngine(connectors, time, time, new InMemoryBudgetLedger(time), credentials);
        EngineCall.Outcome outcome;
        String base;
        try (StubServer recording = new StubServer((request, index) -> forward(scenario, request, exchanges))) {
            base = recording.baseUrl();
            outcome = scenario.call().run(engine, atServer(scenario.connection(), base));
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("description", scenario.description());
        document.put("now", now.toString());
        ObjectNode connection = document.putObject("connection");
        // sorted, so that recording again changes nothing that did not change
        connection.set("params", ContractYaml.JSON.valueToTree(new TreeMap<>(scenario.connection().params())));
        connection.set("secrets", ContractYaml.JSON.valueToTree(new TreeMap<>(scenario.connection().secrets())));
        document.set("call", scenario.call().toJson());
        ArrayNode list = document.putArray("exchanges");
        list.addAll(exchanges);
        ObjectNode expect = outcome.toExpect(scenario.call().operation());
        if (scenario.fields() != null) {
            expect.path("pages").forEach(page -> keepFields((ObjectNode) page, scenario.fields()));
        }
        if (scenario.sleeps()) {
            expect.set("sleeps", sleeps(time.sleeps(), answeredBeforeSleep, exchanges));
        }
        Map<String, String> saved = credentials.renew(ContractCase.CONNECTION_ID, Map.of(), stored -> null);
        ObjectNode secrets = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(saved).forEach((name, value) -> {
            if (!value.equals(scenario.connection().secrets().get(name))) {
                secrets.put(name, value);
            }
        });
        if (!secrets.isEmpty()) {
            expect.set("secrets", secrets);
        }
        document.set("expect", expect);
        Path file = ContractCase.CONNECTORS.resolve(scenario.connector() + ContractCase.SUFFIX).resolve(scenario.name() + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, ContractYaml.YAML.writeValueAsString(document).replace(base, RecordedExchange.SERVER));
        System.out.println("recorded " + file + ": " + exchanges.size() + " exchanges"
                + (outcome.error() == null ? "" : ", ending in: " + outcome.error().getMessage()));
    }

    /**
     * The engine's waits as expected: exactly, except the first wait before a retry of a request whose answer named no
     * Retry-After, which the retry policy draws at random (full jitter) and is expected as {@code {backoff: true}}.
     * (The engine's clock stands still, so a retry is byte for byte the request it repeats.)
     */
    private static ArrayNode sleeps(List<Duration> waits, List<Integer> answeredBefore, List<ObjectNode> exchanges) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < waits.size(); i++) {
            int answered = answeredBefore.get(i);
            boolean firstSinceAnswer = i == 0 || answeredBefore.get(i - 1) != answered;
            boolean retry = answered > 0 && answered < exchanges.size()
                    && sameRequest(exchanges.get(answered - 1).get("request"), exchanges.get(answered).get("request"));
            boolean drawn = firstSinceAnswer && retry && !exchanges.get(answered - 1).at("/response/headers").has("Retry-After");
            if (drawn) {
                out.addObject().put("backoff", true);
            } else {
                out.add(waits.get(i).toString());
            }
        }
        return out;
    }

    private static boolean sameRequest(JsonNode a, JsonNode b) {
        ObjectNode x = a.deepCopy();
        ObjectNode y = b.deepCopy();
        // an OAuth 1.0a header differs by its nonce on every attempt
        x.remove("headers");
        y.remove("headers");
        return x.equals(y);
    }

    /** The connection as a case runs it: {@value RecordedExchange#SERVER} in its params replaced by {@code server}. */
    static ConnectionContext atServer(ConnectionContext connection, String server) {
        Map<String, Object> params = new TreeMap<>();
        connection.params().forEach((k, v) -> params.put(k, v instanceof String s ? s.replace(RecordedExchange.SERVER, server) : v));
        return new ConnectionContext(ContractCase.CONNECTION_ID, connection.workspaceId(), connection.connector(), params,
                connection.secrets());
    }

    private static StubServer.Response forward(Scenario scenario, StubServer.Request request, List<ObjectNode> exchanges) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach((name, values) -> headers.put(name, values.get(0)));
        SimulatorResponse answer = scenario.simulator().handle(request.method(), request.path()
                + (request.query() == null ? "" : "?" + request.query()), headers, request.body().getBytes(StandardCharsets.UTF_8));
        String body = trimmed(new String(answer.body(), StandardCharsets.UTF_8), scenario.trims());
        ObjectNode exchange = JsonNodeFactory.instance.objectNode();
        ObjectNode req = exchange.putObject("request");
        req.put("method", request.method()).put("path", request.path());
        if (request.query() != null) {
            ObjectNode query = req.putObject("query");
            request.params().forEach(query::put);
        }
        ObjectNode sent = req.putObject("headers");
        new TreeMap<>(headers).forEach((name, value) -> {
            if (!TRANSPORT_HEADERS.contains(name.toLowerCase())) {
                sent.set(name, rule(value));
            }
        });
        putBody(req, request.body());
        ObjectNode res = exchange.putObject("response");
        res.put("status", answer.status());
        ObjectNode received = res.putObject("headers");
        new TreeMap<>(answer.headers()).forEach((name, value) -> {
            if (!TRANSPORT_HEADERS.contains(name.toLowerCase())) {
                received.put(name, value);
            }
        });
        putBody(res, body);
        exchanges.add(exchange);
        return new StubServer.Response(answer.status(), answer.headers(), body, 0);
    }

    /** A header as recorded: its value, or a pattern where part of it is drawn at random on every request. */
    private static JsonNode rule(String value) {
        Matcher m = OAUTH_VOLATILE.matcher(value);
        if (!m.find()) {
            return TextNode.valueOf(value);
        }
        StringBuilder pattern = new StringBuilder();
        int last = 0;
        m.reset();
        while (m.find()) {
            pattern.append(literal(value.substring(last, m.start()))).append(m.group(1)).append("=\"[^\"]+\"");
            last = m.end();
        }
        pattern.append(literal(value.substring(last)));
        return JsonNodeFactory.instance.objectNode().put("matches", pattern.toString());
    }

    /** Text matched as itself in a regular expression, readably (a backslash before each special character). */
    private static String literal(String text) {
        return text.replaceAll("([\\\\.\\[\\]{}()*+?^$|])", "\\\\$1");
    }

    private static void putBody(ObjectNode message, String body) {
        if (body.isEmpty()) {
            return;
        }
        JsonNode json = ContractYaml.parseJson(body);
        if (json != null && (json.isObject() || json.isArray())) {
            message.set("body", json);
        } else {
            message.put("bodyText", body);
        }
    }

    /** A page's records reduced to {@code fields}, which the page then lists. */
    private static void keepFields(ObjectNode page, List<String> fields) {
        ArrayNode records = JsonNodeFactory.instance.arrayNode();
        page.path("records").forEach(record -> {
            ObjectNode kept = records.addObject();
            fields.forEach(f -> kept.set(f, record.get(f)));
        });
        page.set("records", records);
        fields.forEach(page.putArray("fields")::add);
    }

    private static String trimmed(String body, List<FieldTrim> trims) {
        JsonNode json = trims.isEmpty() ? null : ContractYaml.parseJson(body);
        if (json == null) {
            return body;
        }
        trims.forEach(trim -> trim.apply(json));
        return json.toString();
    }
}
