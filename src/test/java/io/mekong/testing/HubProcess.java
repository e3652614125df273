package io.mekong.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The hub as its own process (the test's class path, a fresh port each start, one data folder across starts), for
 * tests that kill it with SIGKILL and start it again on the same data. {@link #stop()} ends it gently.
 */
public final class HubProcess {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final String password;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;
    private int port;

    /** @param arguments Spring arguments beyond the port, data folder, admin password and master key */
    public HubProcess(String name, String password, List<String> arguments, Map<String, String> environment) {
        this.dataDir = tempDir(name);
        this.password = password;
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    /** Starts the hub and waits until its health is UP (3 minutes at most). */
    public void start(String label) throws IOException, InterruptedException {
        port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.mekong.MekongApplication",
                "--server.port=" + port,
                "--mekong.data-dir=" + dataDir,
                "--mekong.admin-password=" + password,
                "--mekong.master-key=" + password + "-passphrase"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("hub-" + label + ".log").toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("hub exited; see " + dataDir.resolve("hub-" + label + ".log")).isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("hub did not become healthy within 3 minutes");
    }

    /** kill -9: no shutdown hooks, its PostgreSQL and Kafka left as they were. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: Spring stops the embedded PostgreSQL and Kafka on the way out. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** An API call as the admin that must answer 2xx; its body as JSON (null when empty). */
    public JsonNode api(String method, String path, Object body) {
        HttpResponse<String> response = send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? null : read(response.body());
    }

    public JsonNode api(String method, String path) {
        return api(method, path, null);
    }

    public HttpResponse<String> send(String method, String path, Object body) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path tempDir(String name) {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
