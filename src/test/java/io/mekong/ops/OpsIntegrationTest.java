package io.mekong.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * One application context (embedded PostgreSQL, Camel, Hawtio) shared by every ops integration test: all
 * subclasses have the same configuration, so Spring's context cache starts it once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // the sandbox is left at its default (off), as in the packaged jar
        properties = {"mekong.admin-password=" + OpsIntegrationTest.ADMIN_PASSWORD, "mekong.master-key="})
@Import(OpsIntegrationTest.Probes.class)
@AutoConfigureObservability(tracing = false)
abstract class OpsIntegrationTest {

    static final String ADMIN_PASSWORD = "admin-test-password";
    static final String PASSWORD = "user-test-password";
    static final Path DATA_DIR = tempDataDir();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AppUsers users;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mekong.data-dir", DATA_DIR::toString);
    }

    @BeforeEach
    void usersOfEveryRole() {
        for (String ws : new String[] {"ws-a", "ws-b"}) {
            jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", ws, ws);
        }
        ensureUser("operator1", Role.OPERATOR, null);
        ensureUser("viewer1", Role.VIEWER, null);
        ensureUser("merchant-a", Role.MERCHANT, "ws-a");
    }

    private void ensureUser(String name, Role role, String workspace) {
        if (!users.exists(name)) {
            users.create(name, PASSWORD, role, workspace);
        }
    }

    HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    HttpRequest.Builder request(String path, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return request(path).header("Authorization", "Basic " + token);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return send(client(), request);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs the sign-in form (its CSRF field), then posts it as a person would; returns the POST's answer. */
    HttpResponse<String> signInWithForm(HttpClient browser, String user, String password) {
        HttpResponse<String> form = send(browser, request("/login"));
        Matcher field = CSRF_FIELD.matcher(form.body());
        assertThat(field.find()).as("the sign-in form has a CSRF field").isTrue();
        String body = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(field.group(1));
        return send(browser, request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private static Path tempDataDir() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "ops-it-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Camel route to look at in Hawtio and Prometheus, and an API endpoint that applies the workspace scope. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Probes {
        @Bean
        RouteBuilder opsProbeRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ops-probe").routeId("ops-probe").setBody(constant("pong"));
                }
            };
        }

        @Bean
        ScopeProbeController scopeProbeController(WorkspaceScope scope) {
            return new ScopeProbeController(scope);
        }

        /** The hub's encoder, counting its password checks (BasicCredentialCacheTest). */
        @Bean
        @Primary
        CountingPasswordEncoder countingPasswordEncoder() {
            return new CountingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        }
    }

    /** Delegates to the real encoder and counts {@link #matches} calls, the BCrypt checks a sign-in costs. */
    static final class CountingPasswordEncoder implements PasswordEncoder {
        private final PasswordEncoder delegate;
        private final AtomicInteger checks = new AtomicInteger();

        CountingPasswordEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        int checks() {
            return checks.get();
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return delegate.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks.incrementAndGet();
            return delegate.matches(rawPassword, encodedPassword);
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return delegate.upgradeEncoding(encodedPassword);
        }
    }

    /** Not picked up by component scanning (@TestComponent); registered only through {@link Probes}. */
    @RestController
    @TestComponent
    static class ScopeProbeController {
        private final WorkspaceScope scope;

        ScopeProbeController(WorkspaceScope scope) {
            this.scope = scope;
        }

        @GetMapping("/api/ops-probe/rows/{workspace}")
        String read(@PathVariable String workspace) {
            scope.checkAccess(workspace, NotInWorkspaceException.Kind.CONNECTION, workspace);
            return "{\"workspace\":\"" + workspace + "\"}";
        }

        @PostMapping("/api/ops-probe/rows")
        @ResponseStatus(HttpStatus.CREATED)
        String create(@RequestParam(required = false) String workspace) {
            return "{\"workspace\":\"" + scope.workspaceForNewRow(workspace) + "\"}";
        }

        @GetMapping("/api/ops-probe/scope")
        String confined() {
            return scope.confinedTo().orElse("*");
        }
    }
}
