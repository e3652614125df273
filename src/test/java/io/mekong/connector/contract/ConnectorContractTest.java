package io.mekong.connector.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.Page;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.ratelimit.InMemoryBudgetLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every contract case of every connector ({@code connectors/<name>.tests/*.yaml}) against the real spec, with
 * no simulator: the engine talks to a {@link ReplayServer} that checks each request against the recording and answers
 * with the recorded response, on a clock fixed at the case's {@code now} (see {@link CaseClock}).
 * A new case is a file, not code.
 */
class ConnectorContractTest {

    private static final ConnectorRegistry CONNECTORS = ConnectorRegistry.load(ContractCase.CONNECTORS);

    static Stream<ContractCase> cases() {
        return ContractCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theEngineSendsTheRecordedRequestsAndGivesTheExpectedResult(ContractCase c) throws IOException {
        CaseClock time = new CaseClock(c.now());
        CredentialStore credentials = CredentialStore.inMemory();
        ConnectorEngine engine = new ConnectorEngine(CONNECTORS, time, time, new InMemoryBudgetLedger(time), credentials);
        EngineCall call = c.call();
        EngineCall.Outcome outcome;
        try (ReplayServer server = new ReplayServer(c.exchanges())) {
            outcome = call.run(engine, c.connection(server.baseUrl()));
            assertThat(server.differences()).as("%s: requests that differ from the recording", c).isEmpty();
            assertThat(server.unused()).as("%s: recorded requests the engine never made", c).isEmpty();
        }
        ObjectNode expect = c.expect();
        JsonNode error = expect.get("error");
        if (error == null) {
            assertThat(outcome.error()).as("%s: the call failed", c).isNull();
        } else {
            assertThat(outcome.error()).as("%s: the call should fail", c).isNotNull();
            assertThat(outcome.error().getMessage()).as("%s: error message", c).isEqualTo(error.path("message").asText());
            assertThat(outcome.error().status()).as("%s: error status", c).isEqualTo(error.path("status").asInt());
        }
        switch (call.operation()) {
            case "fetch" -> assertPages(c, expect.path("pages"), outcome.pages());
            case "lookup" -> assertRecords(c + " lookup", expect.path("records"), null, outcome.records());
            default -> assertThat(outcome.keys()).as("%s: keys", c)
                    .containsExactlyElementsOf(texts(expect.path("keys")));
        }
        if (expect.has("sleeps")) {
            assertSleeps(c, expect.get("sleeps"), time.sleeps());
        }
        if (expect.has("secrets")) {
            Map<String, String> saved = credentials.renew(ContractCase.CONNECTION_ID, Map.of(), stored -> null);
            expect.get("secrets").fields().forEachRemaining(s -> assertThat(saved.get(s.getKey()))
                    .as("%s: saved secret %s", c, s.getKey()).isEqualTo(s.getValue().isNull() ? null : s.getValue().asText()));
        }
    }

    /** Sources are read by the engine, which these cases replay; targets are written by their writers, tested apart. */
    @Test
    void everySourceConnectorHasContractCases() throws IOException {
        List<String> covered = cases().map(ContractCase::connector).distinct().toList();
        for (String connector : CONNECTORS.names()) {
            if (CONNECTORS.find(connector).orElseThrow().isTarget()) {
                continue;
            }
            assertThat(covered).as("%s has cases in connectors/%s%s/", connector, connector, ContractCase.SUFFIX)
                    .contains(connector);
        }
        try (Stream<java.nio.file.Path> dirs = Files.list(ContractCase.CONNECTORS)) {
            assertThat(dirs.filter(d -> d.getFileName().toString().endsWith(ContractCase.SUFFIX))
                    .map(d -> d.getFileName().toString().replace(ContractCase.SUFFIX, "")))
                    .as("every tests folder belongs to a connector spec").allMatch(CONNECTORS.names()::contains);
        }
    }

    /** Waits exactly as recorded (Retry-After, rate limit), or {@code {backoff: true}}: a drawn retry backoff. */
    private static void assertSleeps(ContractCase c, JsonNode expected, List<Duration> waits) {
        assertThat(waits).as("%s: waits (Retry-After, backoff, rate limit)", c).hasSize(expected.size());
        Duration maxBackoff = CONNECTORS.get(c.connector()).requester().retry().maxBackoff();
        for (int i = 0; i < waits.size(); i++) {
            JsonNode wait = expected.get(i);
            if (wait.path("backoff").asBoolean()) {
                assertThat(waits.get(i)).as("%s: wait %d, a retry backoff", c, i + 1).isBetween(Duration.ZERO, maxBackoff);
            } else {
                assertThat(waits.get(i)).as("%s: wait %d", c, i + 1).isEqualTo(Duration.parse(wait.asText()));
            }
        }
    }

    private static void assertPages(ContractCase c, JsonNode expected, List<Page> pages) {
        assertThat(pages).as("%s: pages read", c).hasSize(expected.size());
        for (int i = 0; i < pages.size(); i++) {
            JsonNode page = expected.get(i);
            String name = c + " page " + (i + 1);
            assertRecords(name, page.path("records"), page.get("fields"), pages.get(i).records());
            assertThat(pages.get(i).nextPageToken()).as("%s: next page token", name)
                    .isEqualTo(page.path("nextPageToken").isNull() ? null : page.path("nextPageToken").asText(null));
            assertThat(json(pages.get(i).checkpoint())).as("%s: checkpoint", name).isEqualTo(json(page.get("checkpoint")));
        }
    }

    /** Records compared whole, or only the {@code fields} a page lists (then its expected records hold just those). */
    private static void assertRecords(String name, JsonNode expected, JsonNode fields, List<JsonNode> actual) {
        assertThat(actual).as("%s: records", name).hasSize(expected.size());
        List<String> compared = fields == null ? null : texts(fields);
        for (int i = 0; i < actual.size(); i++) {
            JsonNode record = actual.get(i);
            JsonNode shown = record;
            if (compared != null) {
                ObjectNode only = JsonNodeFactory.instance.objectNode();
                compared.forEach(f -> only.set(f, record.get(f)));
                shown = only;
            }
            assertThat(json(shown)).as("%s: record %d", name, i + 1).isEqualTo(json(expected.get(i)));
        }
    }

    private static String json(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? "null" : ContractYaml.sorted(value);
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
