package io.mekong.bench;

import io.mekong.connection.ConnectionDraft;
import io.mekong.connection.ConnectionService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark P2: signed Shopify webhooks at a fixed rate (open loop: each request is sent at its scheduled time,
 * whatever the answers before it, so a slow answer cannot hide the ones queued behind it), measuring the time from
 * the scheduled send to the 200 — the acknowledgement, given only after the delivery is stored in the inbox.
 * Usage: bench/run-p2.sh [requestsPerSecond] [seconds]   (default 500 for 60)
 */
public final class WebhookBenchmark {

    private static final String SECRET = "shpss_bench_webhook_secret";
    private static final String LOAD = "load-";

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path data = BenchHub.dataDir("p2");
        try (ConfigurableApplicationContext app = BenchHub.start(data)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            app.getBean(ConnectionService.class).create(new ConnectionDraft("bench-hooks", "default", "shopify", "bench",
                    Map.of("shop", "bench-hooks.myshopify.com"), Map.of("accessToken", "shpat_x", "webhookSecret", SECRET)));
            URI uri = URI.create("http://127.0.0.1:" + port + "/webhooks/shopify/bench-hooks");
            ExecutorService clientThreads = Executors.newFixedThreadPool(8, named(LOAD));
            HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
            // the load generator shares the JVM: its threads (and the JDK client's selector) are told apart from the hub's
            CpuMeter cpu = new CpuMeter(data, name -> name.startsWith(LOAD) || name.startsWith("HttpClient-"));

            run(http, prepare(uri, rate * 10, "warm-up"), rate); // JIT, connection pool, PostgreSQL caches
            // bodies and signatures are made before the clock starts: the load generator shares the machine's cores
            List<HttpRequest> requests = prepare(uri, rate * seconds, "bench");
            CpuMeter.Sample before = cpu.now();
            Result result = run(http, requests, rate);
            CpuMeter.Sample used = cpu.now().minus(before);

            long stored = app.getBean(JdbcTemplate.class).queryForObject(
                    "select count(*) from webhook_inbox where dedupe_key like 'event:bench-%'", Long.class);
            report(rate, seconds, result, stored, used);
            clientThreads.shutdownNow();
        }
    }

    private record Result(List<Long> latenciesMicros, int acknowledged, int failed, double wallSeconds) {
    }

    private static List<HttpRequest> prepare(URI uri, int total, String prefix) {
        List<HttpRequest> requests = new ArrayList<>(total);
        for (int n = 0; n < total; n++) {
            byte[] body = ("{\"id\":" + (1_000_000 + n) + ",\"email\":\"khach" + n + "@example.vn\","
                    + "\"updated_at\":\"2025-05-01T10:00:00+07:00\",\"note\":\"Đơn hàng thử nghiệm\"}")
                    .getBytes(StandardCharsets.UTF_8);
            requests.add(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", "application/json")
                    .header("X-Shopify-Topic", "orders/updated")
                    .header("X-Shopify-Event-Id", prefix + "-" + n)
                    .header("X-Shopify-Hmac-Sha256", sign(body)).build());
        }
        return requests;
    }

    private static Result run(HttpClient http, List<HttpRequest> requests, int rate) throws Exception {
        int total = requests.size();
        long intervalNanos = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(named(LOAD + "clock-"));
        long start = System.nanoTime() + 100_000_000L;
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Void> allSent = new CompletableFuture<>();
        clock.scheduleAtFixedRate(() -> {
            // catch up on every send due by now: the schedule, not the previous answer, decides when a request goes
            long due = (System.nanoTime() - start) / intervalNanos + 1;
            while (sent.get() < Math.min(due, total)) {
                int n = sent.getAndIncrement();
                long scheduled = start + n * intervalNanos;
                inFlight.add(http.sendAsync(requests.get(n), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    if (error == null && response.statusCode() == 200) {
                        acknowledged.incrementAndGet();
                        latencies.add((System.nanoTime() - scheduled) / 1000);
                    } else {
                        failed.incrementAndGet();
                    }
                }));
            }
            if (sent.get() >= total) {
                allSent.complete(null);
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        allSent.get();
        clock.shutdownNow();
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get();
        double wall = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted, acknowledged.get(), failed.get(), wall);
    }

    private static void report(int rate, int seconds, Result r, long stored, CpuMeter.Sample cpu) {
        System.out.println();
        System.out.printf("machine: %d cores, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.println("| offered | sent | acknowledged (200) | failed | stored in inbox | achieved req/s | p50 ms | p90 ms | p99 ms | max ms | CPU ms per request (this JVM, load generator included, + PostgreSQL) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        int n = r.acknowledged() + r.failed();
        System.out.printf("| %d/s × %d s | %d | %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %.2f |%n", rate, seconds, n,
                r.acknowledged(), r.failed(), stored, r.acknowledged() / r.wallSeconds(), pct(r, 0.50), pct(r, 0.90),
                pct(r, 0.99), pct(r, 1.0), (cpu.jvm() + cpu.postgres()) * 1000 / Math.max(1, n));
        System.out.printf("%nCPU ms per request: hub %.2f, load generator %.2f, PostgreSQL %.2f%n",
                cpu.hub() * 1000 / Math.max(1, n), cpu.simulator() * 1000 / Math.max(1, n), cpu.postgres() * 1000 / Math.max(1, n));
        System.out.printf("p99 target <= 20 ms: %s; stored == acknowledged: %s%n", pct(r, 0.99) <= 20 ? "met" : "NOT met",
                stored == r.acknowledged());
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> new Thread(task, prefix + count.incrementAndGet());
    }

    private static double pct(Result r, double p) {
        List<Long> l = r.latenciesMicros();
        if (l.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(l.size() - 1, Math.ceil(p * l.size()) - 1);
        return l.get(Math.max(0, index)) / 1000.0;
    }

    private static String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
