package io.mekong;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as shipped ({@code java -jar target/mekong-*.jar}, run by {@code ./mvnw verify} after packaging), started
 * with no {@code MEKONG_*} environment but an admin password and an empty data directory: it must serve no simulator
 * and create no demo connection. The process, and the embedded PostgreSQL it starts, are stopped whatever happens.
 */
class PackagedJarIT {

    private static final String ADMIN_PASSWORD = "packaged-jar-it-admin";
    /** The fat jar scans nested jars at start: ~40 s on 2 shared cores, more under load. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final String SIMULATOR = "/sandbox/shopify/mekong-demo-vn.myshopify.com/admin/api/2025-10/graphql.json";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theJarStartedWithoutEnvironmentServesNoSimulatorAndHasNoDemoConnections(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Path log = dataDir.resolve("hub.log");
        Process hub = start(Path.of("").toAbsolutePath(), dataDir, port, log);
        try {
            awaitHealthy(hub, port, log);

            HttpResponse<String> anonymous = send(port, "GET", SIMULATOR, null, null);
            HttpResponse<String> signedIn = send(port, "GET", SIMULATOR, ADMIN_PASSWORD, null);
            HttpResponse<String> connections = send(port, "GET", "/api/connections", ADMIN_PASSWORD, null);
            HttpResponse<String> routes = send(port, "GET", "/actuator/camelroutes", ADMIN_PASSWORD, null);
            HttpResponse<String> console = send(port, "GET", "/console/dashboard", ADMIN_PASSWORD, null);
            HttpResponse<String> htmx = send(port, "GET", "/webjars/htmx.org/dist/htmx.min.js", null, null);

            // refused like any path behind the login, and no such resource for a signed-in user
            assertThat(anonymous.statusCode()).as("anonymous GET %s: %s", SIMULATOR, anonymous.body()).isEqualTo(401);
            assertThat(signedIn.statusCode()).as("admin GET %s: %s", SIMULATOR, signedIn.body()).isEqualTo(404);
            assertThat(connections.statusCode()).as("GET /api/connections: %s", connections.body()).isEqualTo(200);
            assertThat(connections.body().replaceAll("\\s", "")).isEqualTo("[]");
            // the project's routes/ are loaded from the jar's home (a start with none once went unnoticed)
            assertThat(routes.body()).as("GET /actuator/camelroutes").contains("\"outbox-relay\"")
                    .contains("\"sync-stream\"").contains("\"dead-letter-replay\"");
            // the console's templates and scripts are in the jar
            assertThat(console.statusCode()).as("GET /console/dashboard: %s", console.body()).isEqualTo(200);
            assertThat(console.body()).contains("htmx.min.js").contains("<nav");
            assertThat(htmx.statusCode()).as("htmx from its webjar").isEqualTo(200);
        } finally {
            stop(hub, dataDir);
        }
    }

    @Test
    void theJarStartedOutsideItsHomeSaysWhichFolderToSet(@TempDir Path elsewhere) throws Exception {
        Path log = elsewhere.resolve("hub.log");
        Process hub = start(elsewhere, elsewhere, freePort(), log);
        try {
            assertThat(hub.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the jar stops by itself").isTrue();
            String output = Files.readString(log);
            assertThat(hub.exitValue()).as(output).isNotZero();
            assertThat(output).contains("APPLICATION FAILED TO START")
                    .contains("has no connectors/, mappings/, routes/ folder")
                    .contains("set MEKONG_HOME to that folder")
                    .doesNotContain("NoSuchFileException");
        } finally {
            stop(hub, elsewhere);
        }
    }

    /** The jar from {@code workDir}, with no {@code MEKONG_*} environment but a data folder and an admin password. */
    private Process start(Path workDir, Path dataDir, int port, Path log) throws IOException {
        Path jar = Path.of(System.getProperty("mekong.jar", "target/mekong-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged jar (run ./mvnw verify, which packages it first)").isRegularFile();
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", jar.toString(), "--server.port=" + port)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("MEKONG_"));
        environment.put("MEKONG_DATA_DIR", dataDir.resolve("data").toString());
        environment.put("MEKONG_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return builder.start();
    }

    private void awaitHealthy(Process hub, int port, Path log) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!hub.isAlive()) {
                throw new AssertionError("the jar exited with " + hub.exitValue() + " before it was healthy:\n" + tail(log));
            }
            try {
                if (send(port, "GET", "/actuator/health", null, null).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notYetListening) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the jar was not healthy within " + START_TIMEOUT + ":\n" + tail(log));
    }

    private HttpResponse<String> send(int port, String method, String path, String adminPassword, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (adminPassword != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * SIGTERM lets the hub shut down as in production (which stops its embedded PostgreSQL); whatever still runs
     * after that is killed: the JVM's children and the postmaster named in the data directory's pid file (pg_ctl
     * detaches it from the JVM, so it is no descendant).
     */
    private static void stop(Process hub, Path dataDir) throws Exception {
        List<ProcessHandle> children = new ArrayList<>(hub.descendants().toList());
        hub.destroy();
        if (!hub.waitFor(2, TimeUnit.MINUTES)) {
            hub.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        postmaster(dataDir).ifPresent(children::add);
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroy();
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(hub.isAlive()).as("the jar's process").isFalse();
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            List<Path> pidFiles = files.filter(f -> f.getFileName().toString().equals("postmaster.pid")).toList();
            for (Path pidFile : pidFiles) {
                String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
                if (first.matches("\\d+")) {
                    return ProcessHandle.of(Long.parseLong(first));
                }
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
