package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.mekong.connector.StubServer.Response;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.egress.EgressGuard;
import io.mekong.connector.http.OutboundLimits;
import io.mekong.connector.ratelimit.InMemoryBudgetLedger;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite (issue 15 item 10): a vendor answering garbage, on loopback. Each read fails with an error that names what
 * was wrong, returns no page (so nothing of it reaches the store, which commits whole pages only), and the hub holds
 * at most the body cap of it. No assertion on timing: the drip's deadline is short so that the test is.
 */
class VendorGarbageFaultTest {

    private static final int MB = 1_000_000;
    private static final long CAP = 16L * 1024 * 1024;

    private final FakeTime time = new FakeTime();
    private StubServer stub;
    private HttpServer streaming;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.close();
        }
        if (streaming != null) {
            streaming.stop(0);
        }
        executor.shutdownNow();
    }

    private Page read(String baseUrl, Duration deadline) throws IOException {
        ConnectorEngine engine = new ConnectorEngine(SpecFiles.registry(dir, "shop", OutboundRequestsTest.SPEC), time, time,
                new InMemoryBudgetLedger(time), CredentialStore.inMemory(),
                new EgressGuard(List.of("127.0.0.0/8"), Set.of(), false, () -> 0), new OutboundLimits(CAP, deadline),
                Duration.ofSeconds(30));
        return engine.fetch(new ConnectionContext("c1", "ws1", "shop", Map.of("baseUrl", baseUrl), Map.of()), "orders", null, null);
    }

    private Page read(String baseUrl) throws IOException {
        return read(baseUrl, Duration.ofMinutes(2));
    }

    /** A vendor writing its body in pieces, chunked (no declared length), until it is done or the client goes. */
    private String streamingVendor(long pieces, int pieceSize, long pauseMillis, AtomicLong written) throws IOException {
        streaming = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        streaming.createContext("/", exchange -> {
            byte[] piece = " ".repeat(pieceSize).getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"orders\": [".getBytes(StandardCharsets.US_ASCII));
                for (long i = 0; i < pieces; i++) {
                    out.write(piece);
                    out.flush();
                    written.addAndGet(piece.length);
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
                out.write("]}".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException | InterruptedException e) {
                exchange.close(); // the hub hung up, or the test is over
            }
        });
        streaming.setExecutor(executor);
        streaming.start();
        return "http://127.0.0.1:" + streaming.getAddress().getPort();
    }

    @Test
    void htmlWithStatus200FailsTheReadNamingIt() throws IOException {
        stub = StubServer.answering(r -> new Response(200, Map.of("Content-Type", "text/html; charset=utf-8"),
                "<!DOCTYPE html><html><body><h1>Down for maintenance</h1></body></html>", 0));

        assertThatThrownBy(() -> read(stub.baseUrl()))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("shop: response of GET /orders for stream orders is not JSON: Unexpected character ('<' (code 60)):"
                        + " expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
                        + " at line 1 column 1 (a text/html body)");
    }

    @Test
    void aWordThatIsNotJsonIsNotRepeatedInTheError() throws IOException {
        stub = StubServer.answering(r -> new Response(200, Map.of(), "AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI", 0));

        assertThatThrownBy(() -> read(stub.baseUrl()))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("shop: response of GET /orders for stream orders is not JSON: Unrecognized token '…':"
                        + " was expecting")
                .hasMessageNotContaining("AKIA");
    }

    @Test
    void truncatedJsonFailsTheReadNamingWhereItEnds() throws IOException {
        stub = StubServer.answering(r -> Response.json(200, "{\"orders\": [{\"id\": \"1\", \"total\": 10}, {\"id\": \"2\", \"to"));

        assertThatThrownBy(() -> read(stub.baseUrl()))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("shop: response of GET /orders for stream orders is not JSON: Unexpected end-of-input")
                .hasMessageContaining("at line 1 column");
    }

    @Test
    void aTwentyMegabyteBodyWithItsLengthDeclaredIsRefusedUnread() throws IOException {
        stub = StubServer.answering(r -> Response.json(200, "{\"orders\": [" + " ".repeat(20 * MB) + "]}"));

        assertThatThrownBy(() -> read(stub.baseUrl()))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("shop: GET /orders: response body is larger than 16777216 bytes"
                        + " (mekong.http.max-response-bytes); nothing of it was used");
        assertThat(stub.requests()).as("not retried: a second attempt would be as large").hasSize(1);
    }

    @Test
    void aTwentyMegabyteChunkedBodyIsCutOffAtTheCap() throws IOException {
        AtomicLong written = new AtomicLong();
        String vendor = streamingVendor(20 * MB / 8192, 8192, 0, written);

        assertThatThrownBy(() -> read(vendor))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("response body is larger than 16777216 bytes");
    }

    @Test
    void aSlowDripIsCutOffAtTheResponseDeadline() throws IOException {
        AtomicLong written = new AtomicLong();
        // one byte every 50 ms: some 20 minutes for the whole body, each byte well within the read timeout
        String vendor = streamingVendor(24_000, 1, 50, written);

        assertThatThrownBy(() -> read(vendor, Duration.ofSeconds(1)))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("shop: GET /orders: response was not complete within PT1S (mekong.http.response-deadline);"
                        + " nothing of it was used");
        assertThat(written.get()).as("the vendor was cut off long before its body ended").isLessThan(24_000);
    }
}
