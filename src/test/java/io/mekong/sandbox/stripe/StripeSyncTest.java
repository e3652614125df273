package io.mekong.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.FakeTime;
import io.mekong.connector.Page;
import io.mekong.connector.Reads;
import io.mekong.connector.http.QueryString;
import io.mekong.mapping.MappingEngine;
import io.mekong.mapping.MappingRegistry;
import io.mekong.mapping.MappingResult;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.SandboxHttpServer;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** connectors/stripe.yaml and the Stripe mappings against the simulator, over real HTTP. */
class StripeSyncTest {

    /** What the hub sent: path, query and headers of each request. */
    private record Sent(String path, Map<String, String> params, Map<String, String> headers) {
    }

    private final FakeTime time = StripeTestAccounts.clockAfterSeed();
    private final ConnectorEngine engine = new ConnectorEngine(ConnectorRegistry.load(Path.of("connectors")), time, time);
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    private SandboxHttpServer serve(StripeAccount account) {
        StripeSimulator simulator = new StripeSimulator(List.of(account));
        HttpSimulator recording = (method, pathAndQuery, headers, body) -> {
            int q = pathAndQuery.indexOf('?');
            Map<String, String> params = new LinkedHashMap<>();
            QueryString.parse(q < 0 ? "" : pathAndQuery.substring(q + 1)).forEach(p -> params.put(p.getKey(), p.getValue()));
            sent.add(new Sent(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q), params, headers));
            return simulator.handle(method, pathAndQuery, headers, body);
        };
        return SandboxHttpServer.start(recording);
    }

    private static ConnectionContext connection(SandboxHttpServer server, String key) {
        return new ConnectionContext("stripe-it", "ws1", "stripe", Map.of("baseUrl", server.baseUrl()), Map.of("secretKey", key));
    }

    private List<Page> readAll(ConnectionContext connection, String stream, JsonNode checkpoint) {
        return Reads.readAll(engine, connection, stream, checkpoint);
    }

    private static List<JsonNode> records(List<Page> pages) {
        return Reads.records(pages);
    }

    private static List<String> ids(List<JsonNode> records) {
        return records.stream().map(r -> r.get("id").asText()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"customers, customer, customer", "payment_intents, payment_intent, payment", "charges, charge, charge",
        "refunds, refund, refund", "balance_transactions, balance_transaction, balance_transaction"})
    void everyStreamReadsItsObjectsExactlyOnceAcrossPagesAndEveryRecordMaps(String stream, String type, String entity) {
        StripeAccount account = StripeTestAccounts.vnd(time, FaultPlan.NONE);
        try (SandboxHttpServer server = serve(account)) {
            List<Page> pages = readAll(connection(server, StripeTestAccounts.VND_KEY), stream, null);

            List<JsonNode> read = records(pages);
            assertThat(ids(read)).doesNotHaveDuplicates().hasSize(account.count(type));
            assertThat(pages).hasSize((account.count(type) + 99) / 100);
            assertThat(pages.subList(0, pages.size() - 1)).as("newest first: the checkpoint waits for the last page")
                    .allSatisfy(p -> assertThat(p.checkpoint()).isNull());
            assertThat(pages.get(pages.size() - 1).checkpoint()).isNotNull();
            MappingEngine mapping = new MappingEngine(new MappingRegistry(MappingRegistry.load(Path.of("mappings"))),
                    Validation.buildDefaultValidatorFactory().getValidator());
            assertThat(mapping.map("stripe", entity, read, Map.of("defaultRegion", "VN")).results())
                    .allSatisfy(r -> assertThat(r).as("%s", r).isInstanceOf(MappingResult.Mapped.class));
        }
    }

    @Test
    void requestsCarryTheKeyThePinnedVersionFullPagesAndTheExpandedLatestCharge() {
        try (SandboxHttpServer server = serve(StripeTestAccounts.vnd(time, FaultPlan.NONE))) {
            List<Page> pages = readAll(connection(server, StripeTestAccounts.VND_KEY), "payment_intents", null);

            assertThat(sent).hasSize(pages.size()).allSatisfy(s -> {
                assertThat(s.path()).isEqualTo("/v1/payment_intents");
                assertThat(s.headers()).containsEntry("Authorization", "Bearer " + StripeTestAccounts.VND_KEY)
                        .containsEntry("Stripe-Version", "2025-03-31.basil");
                assertThat(s.params()).containsEntry("limit", "100").containsEntry("expand[]", "data.latest_charge")
                        .doesNotContainKey("created[gte]");
            });
            assertThat(sent.get(1).params()).containsEntry("starting_after", ids(pages.get(0).records()).get(99));
            assertThat(records(pages)).filteredOn(p -> p.get("status").asText().equals("succeeded"))
                    .allSatisfy(p -> assertThat(p.get("latest_charge").get("object").asText()).isEqualTo("charge"));
        }
    }

    @Test
    void theNextRunReadsWhatWasCreatedSinceTheCheckpointMinusTheLookbackSoANewRefundOfAnOldPaymentArrives() {
        StripeAccount account = StripeTestAccounts.vnd(time, FaultPlan.NONE);
        try (SandboxHttpServer server = serve(account)) {
            ConnectionContext connection = connection(server, StripeTestAccounts.VND_KEY);
            List<Page> refunds = readAll(connection, "refunds", null);
            List<Page> money = readAll(connection, "balance_transactions", null);
            JsonNode refundsCheckpoint = refunds.get(refunds.size() - 1).checkpoint();
            JsonNode moneyCheckpoint = money.get(money.size() - 1).checkpoint();
            String oldCharge = account.snapshot("charge").stream().filter(c -> c.get("paid").asBoolean()
                    && c.get("amount_refunded").asLong() == 0).reduce((a, b) -> b).orElseThrow().get("id").asText();

            time.sleep(Duration.ofHours(2));
            String refund = account.refund(oldCharge, 150_000, "requested_by_customer");
            sent.clear();
            List<JsonNode> newRefunds = records(readAll(connection, "refunds", refundsCheckpoint));
            List<JsonNode> newMoney = records(readAll(connection, "balance_transactions", moneyCheckpoint));

            long since = java.time.Instant.parse(refundsCheckpoint.get("cursor").asText()).getEpochSecond() - 600;
            assertThat(sent.get(0).params()).as("created >= checkpoint - 10 minutes, in unix seconds")
                    .containsEntry("created[gte]", Long.toString(since));
            assertThat(ids(newRefunds)).as("the new refund, then what the lookback reads again").startsWith(refund)
                    .allSatisfy(id -> assertThat(id).isIn(account.snapshot("refund").stream().map(r -> r.get("id").asText()).toList()));
            assertThat(newRefunds.get(0).get("amount").asLong()).isEqualTo(150_000);
            assertThat(newMoney.get(0).get("source").asText()).isEqualTo(refund);
            assertThat(newMoney.get(0).get("amount").asLong()).isEqualTo(-150_000);
            assertThat(newRefunds.size() + newMoney.size()).as("not a full read again")
                    .isLessThan(account.count("refund") + account.count("balance_transaction"));
        }
    }

    @Test
    void eventsNameObjectsThatAreReadAgainOneByIdAsTheListHasThemAndAnUnknownIdIsLeftOut() {
        try (SandboxHttpServer server = serve(StripeTestAccounts.vnd(time, FaultPlan.NONE))) {
            ConnectionContext connection = connection(server, StripeTestAccounts.VND_KEY);
            List<JsonNode> listed = records(readAll(connection, "payment_intents", null));
            String id = listed.get(2).get("id").asText();
            sent.clear();

            List<JsonNode> found = engine.lookup(connection, "payment_intents", List.of(id, "pi_NoSuchPayment"));

            assertThat(found).hasSize(1);
            assertThat(found.get(0)).as("the same record as the list, latest charge expanded").isEqualTo(listed.get(2));
            assertThat(sent).extracting(Sent::path).containsExactly("/v1/payment_intents/" + id, "/v1/payment_intents/pi_NoSuchPayment");
            assertThat(sent.get(0).params()).containsEntry("expand[]", "latest_charge");
            String refundId = records(readAll(connection, "refunds", null)).get(0).get("id").asText();
            assertThat(engine.lookup(connection, "refunds", List.of(refundId))).extracting(r -> r.get("id").asText())
                    .containsExactly(refundId);
        }
    }

    @Test
    void aWrongKeyFailsWithStripesMessageWhichShowsNoMoreOfTheKeyThanStripeDoes() {
        String wrong = "sk_test_51MekongWrongKeyxxxxxxxxxxxxxxxxxxxxxxxxxxxxx9876";
        try (SandboxHttpServer server = serve(StripeTestAccounts.vnd(time, FaultPlan.NONE))) {
            assertThatThrownBy(() -> engine.fetch(connection(server, wrong), "payment_intents", null, null))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageStartingWith("stripe: HTTP 401 from GET /v1/payment_intents: Invalid API Key provided: sk_test_***")
                    .hasMessageEndingWith("9876")
                    .hasMessageNotContaining(wrong);
            assertThat(sent).as("a 401 is not retried").hasSize(1);
        }
    }

    @Test
    void aConnectionTestReadsOneCustomerWithTheKey() {
        try (SandboxHttpServer server = serve(StripeTestAccounts.vnd(time, FaultPlan.NONE))) {
            assertThat(engine.test(connection(server, StripeTestAccounts.VND_KEY)))
                    .extracting(io.mekong.connector.TestResult::ok, io.mekong.connector.TestResult::message)
                    .containsExactly(true, "connected to Stripe (GET /v1/customers)");
            assertThat(sent.get(0).params()).containsEntry("limit", "1");
            io.mekong.connector.TestResult wrong = engine.test(connection(server, "sk_test_51MekongWrongKey000000000000000000000000000000009876"));
            assertThat(wrong.ok()).isFalse();
            assertThat(wrong.message()).startsWith("stripe: HTTP 401 from GET /v1/customers: Invalid API Key provided: sk_test_***");
        }
    }

    @Test
    void throttledAndFailedRequestsAreRetriedAndNothingIsReadTwice() {
        StripeAccount account = StripeTestAccounts.vnd(time, FaultPlan.NONE.withThrottleEveryNth(2, 0).withFailEveryNth(5));
        try (SandboxHttpServer server = serve(account)) {
            List<JsonNode> read = records(readAll(connection(server, StripeTestAccounts.VND_KEY), "charges", null));

            assertThat(ids(read)).doesNotHaveDuplicates().hasSize(account.count("charge"));
            assertThat(sent.size()).as("requests beyond the 3 pages were retries").isGreaterThan(3);
            assertThat(time.sleeps()).as("backoff before each retry").isNotEmpty();
            Map<String, Long> byPage = sent.stream().collect(Collectors.groupingBy(
                    s -> s.params().getOrDefault("starting_after", ""), Collectors.counting()));
            assertThat(byPage).hasSize(3);
        }
    }
}
