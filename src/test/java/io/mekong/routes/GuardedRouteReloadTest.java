package io.mekong.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.ops.FileReloaded;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Hot reload of routes/: a bad edit keeps the running routes; a good one replaces them. */
class GuardedRouteReloadTest extends HubIntegrationTest {

    private static final String BAD_EDIT = "- route:\n    id: probe\n    from:\n      uri: direct:probe\n      steps:\n        - to: nosuchscheme:x\n";

    @Autowired
    RouteFileValidator validator;

    @TempDir
    Path dir;
    Path file;
    DefaultCamelContext camel;
    /** What the strategy told the audit log. */
    final List<Object> reloads = new ArrayList<>();

    @BeforeEach
    void runningRoute() throws Exception {
        file = dir.resolve("probe.yaml");
        Files.writeString(file, probe("v1"));
        camel = new DefaultCamelContext();
        PluginHelper.getRoutesLoader(camel).loadRoutes(resource());
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aBadEditIsRefusedAndTheRunningRoutesKeepRunning() throws Exception {
        GuardedRouteReloadStrategy reload = guarded();
        Files.writeString(file, BAD_EDIT);

        reload.onRouteReload(List.of(resource()), false);

        assertThat(camel.getRouteController().getRouteStatus("probe")).isEqualTo(ServiceStatus.Started);
        assertThat(camel.createProducerTemplate().requestBody("direct:probe", "", String.class)).isEqualTo("v1");
        assertThat(reload.lastRefusal()).contains("probe.yaml").contains("nosuchscheme");
        assertThat(reloads).singleElement().isInstanceOfSatisfying(FileReloaded.class, event -> {
            assertThat(event.kind()).isEqualTo("route");
            assertThat(event.file()).isEqualTo("probe.yaml");
            assertThat(event.applied()).isFalse();
            assertThat(event.reason()).contains("nosuchscheme");
        });
    }

    @Test
    void aGoodEditReplacesTheRoute() throws Exception {
        GuardedRouteReloadStrategy reload = guarded();
        Files.writeString(file, probe("v2"));

        reload.onRouteReload(List.of(resource()), false);

        assertThat(camel.createProducerTemplate().requestBody("direct:probe", "", String.class)).isEqualTo("v2");
        assertThat(reload.lastRefusal()).isNull();
        assertThat(reloads).containsExactly(new FileReloaded("route", "probe.yaml", true, null));
    }

    /** Why the guard exists: Camel's own reload removes the file's routes before it finds the new ones invalid. */
    @Test
    void camelsOwnReloadWouldUnloadTheRoutesOnTheSameBadEdit() throws Exception {
        CamelReload plain = new CamelReload(dir);
        plain.setCamelContext(camel);
        Files.writeString(file, BAD_EDIT);

        try {
            plain.reload(resource());
        } catch (RuntimeException expected) {
            // Camel reports the failure after it has already removed the running route
        }

        assertThat(camel.getRoute("probe")).isNull();
    }

    private static final class CamelReload extends RouteWatcherReloadStrategy {
        CamelReload(Path dir) {
            super(dir.toString());
        }

        void reload(Resource resource) {
            onRouteReload(List.of(resource), false);
        }
    }

    private GuardedRouteReloadStrategy guarded() {
        GuardedRouteReloadStrategy reload = new GuardedRouteReloadStrategy(dir, validator, reloads::add);
        reload.setCamelContext(camel);
        return reload;
    }

    private Resource resource() {
        return ResourceHelper.resolveResource(camel, "file:" + file.toAbsolutePath());
    }

    private static String probe(String version) {
        return "- route:\n    id: probe\n    from:\n      uri: direct:probe\n      steps:\n        - setBody:\n            constant: "
                + version + "\n";
    }
}
