package io.mekong.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * P5: what HTTP Basic costs a script. Two hubs run side by side in this JVM, one with the verified-credential cache
 * off ({@code mekong.security.basic-cache.ttl=PT0S}: a BCrypt check on every request, as before the cache) and one
 * with it on (the default); the same closed-loop client reads {@code GET /api/connections} from each in alternating
 * rounds, so both see the same machine. Prints a Markdown table of requests per second.
 * Usage: {@code bench/run-p5.sh [clients] [secondsPerRound] [rounds]} (default 8 10 3).
 */
public final class BasicAuthBenchmark {

    private BasicAuthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        // two hubs in one JVM: JMX off, or both would register the same MBean names
        Map<String, String> noJmx = Map.of("spring.jmx.enabled", "false", "camel.main.jmx-enabled", "false");
        Map<String, String> cacheOff = new java.util.HashMap<>(noJmx);
        cacheOff.put("mekong.security.basic-cache.ttl", "PT0S");
        try (ConfigurableApplicationContext uncached = BenchHub.start(BenchHub.dataDir("p3-off"), cacheOff);
             ConfigurableApplicationContext cached = BenchHub.start(BenchHub.dataDir("p3-on"), noJmx)) {
            ExecutorService load = Executors.newFixedThreadPool(clients);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest off = request(uncached);
            HttpRequest on = request(cached);
            run(http, load, clients, off, 3);
            run(http, load, clients, on, 3);
            long offTotal = 0;
            long onTotal = 0;
            System.out.println("| round | cache off (BCrypt every request), req/s | cache on, req/s |");
            System.out.println("|---|---|---|");
            for (int round = 1; round <= rounds; round++) {
                long a = run(http, load, clients, off, seconds);
                long b = run(http, load, clients, on, seconds);
                offTotal += a;
                onTotal += b;
                System.out.printf("| %d | %.0f | %.0f |%n", round, a / (double) seconds, b / (double) seconds);
            }
            System.out.printf("| all | %.0f | %.0f |%n%n%d clients, %d s per round, GET /api/connections as admin,"
                            + " %d cores%n", offTotal / (double) (seconds * rounds), onTotal / (double) (seconds * rounds),
                    clients, seconds, Runtime.getRuntime().availableProcessors());
            load.shutdownNow();
        }
    }

    private static HttpRequest request(ConfigurableApplicationContext hub) {
        int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
        String basic = Base64.getEncoder().encodeToString("admin:bench-admin".getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/connections"))
                .header("Authorization", "Basic " + basic).build();
    }

    /** @return requests answered 200 within {@code seconds} by {@code clients} closed-loop clients */
    private static long run(HttpClient http, ExecutorService load, int clients, HttpRequest request, int seconds)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            counts.add(load.submit(() -> {
                long ok = 0;
                while (!stop.get()) {
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("GET /api/connections answered " + response.statusCode());
                    }
                    ok++;
                }
                return ok;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        return total;
    }
}
