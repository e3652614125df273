package io.mekong.bench;

import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * P7: what one authenticated API request costs a script, by how it authenticates. Two hubs run side by side in this
 * JVM, one with the verified-credential cache off ({@code mekong.security.basic-cache.ttl=PT0S}) and one with the
 * defaults; one sequential client sends N {@code GET /api/connections} in each of four ways: HTTP Basic with a
 * credential the hub has not seen (the first request of a script: a BCrypt check; one fresh user per request), Basic
 * repeated (the 60 s cache), Basic with the cache off (BCrypt every time) and an API token ({@code Bearer}). Prints
 * wall and CPU milliseconds per request (this JVM, client included, plus PostgreSQL) and requests per second.
 * Usage: {@code bench/run-p7.sh [requests]} (default 2000; the first-request row uses requests/20 users).
 */
public final class TokenAuthBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String PASSWORD = "bench user password";

    private TokenAuthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int freshUsers = Math.max(10, requests / 20);
        Map<String, String> noJmx = Map.of("spring.jmx.enabled", "false", "camel.main.jmx-enabled", "false");
        Map<String, String> cacheOff = new HashMap<>(noJmx);
        cacheOff.put("mekong.security.basic-cache.ttl", "PT0S");
        Path offDir = BenchHub.dataDir("p7-off");
        Path onDir = BenchHub.dataDir("p7-on");
        try (ConfigurableApplicationContext uncached = BenchHub.start(offDir, cacheOff);
             ConfigurableApplicationContext cached = BenchHub.start(onDir, noJmx)) {
            CpuMeter offMeter = new CpuMeter(offDir, name -> false);
            CpuMeter onMeter = new CpuMeter(onDir, name -> false);
            AppUsers users = cached.getBean(AppUsers.class);
            for (int i = 0; i < freshUsers * 2; i++) {
                users.create("fresh-" + i, PASSWORD, Role.VIEWER, null);
            }
            String token = token(cached);

            // warm-up of every path, then the measured rounds
            measure(onMeter, 200, i -> basic(cached, "admin", "bench-admin"));
            measure(offMeter, 50, i -> basic(uncached, "admin", "bench-admin"));
            measure(onMeter, 200, i -> bearer(cached, token));
            measure(onMeter, freshUsers, i -> basic(cached, "fresh-" + (freshUsers + i), PASSWORD));

            System.out.println("| authentication | requests | wall ms/request | CPU ms/request (JVM + PostgreSQL) | req/s |");
            System.out.println("|---|---:|---:|---:|---:|");
            row("Basic, first request of a credential (BCrypt)", freshUsers,
                    measure(onMeter, freshUsers, i -> basic(cached, "fresh-" + i, PASSWORD)));
            row("Basic repeated (verified-credential cache)", requests,
                    measure(onMeter, requests, i -> basic(cached, "admin", "bench-admin")));
            row("Basic, cache off (BCrypt every request)", requests / 10,
                    measure(offMeter, requests / 10, i -> basic(uncached, "admin", "bench-admin")));
            row("Bearer API token", requests, measure(onMeter, requests, i -> bearer(cached, token)));
            System.out.printf("%nOne sequential client, GET /api/connections, %d cores, %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                            + System.getProperty("java.version"));
        }
    }

    private interface Request {
        HttpRequest of(int i);
    }

    private record Result(int requests, double wallSeconds, CpuMeter.Sample cpu) {
    }

    private static Result measure(CpuMeter meter, int count, Request request) throws Exception {
        CpuMeter.Sample before = meter.now();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            HttpResponse<Void> response = HTTP.send(request.of(i), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /api/connections answered " + response.statusCode());
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Result(count, wall, meter.now().minus(before));
    }

    private static void row(String name, int requests, Result result) {
        System.out.printf("| %s | %,d | %.2f | %.2f | %,.0f |%n", name, requests, result.wallSeconds() * 1000 / requests,
                result.cpu().total() * 1000 / requests, requests / result.wallSeconds());
    }

    private static HttpRequest basic(ConfigurableApplicationContext hub, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return connections(hub).header("Authorization", "Basic " + basic).build();
    }

    private static HttpRequest bearer(ConfigurableApplicationContext hub, String token) {
        return connections(hub).header("Authorization", "Bearer " + token).build();
    }

    private static HttpRequest.Builder connections(ConfigurableApplicationContext hub) {
        return HttpRequest.newBuilder(URI.create(base(hub) + "/api/connections"));
    }

    /** A token of the admin, created through the API as a script's owner would. */
    private static String token(ConfigurableApplicationContext hub) throws Exception {
        String basic = Base64.getEncoder().encodeToString("admin:bench-admin".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base(hub) + "/api/tokens"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created.body());
        if (created.statusCode() != 201 || !token.find()) {
            throw new IllegalStateException("POST /api/tokens answered " + created.statusCode() + ": " + created.body());
        }
        return token.group(1);
    }

    private static String base(ConfigurableApplicationContext hub) {
        return "http://localhost:" + ((WebServerApplicationContext) hub).getWebServer().getPort();
    }
}
