package io.mekong.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SecurityRulesTest extends OpsIntegrationTest {

    @Test
    void anonymousApiCallIsRefusedWithJson401() {
        HttpResponse<String> response = send(request("/api/anything").header("Accept", "text/html"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":\"unauthorized\"").contains("\"detail\"");
    }

    @Test
    void scriptsAreChallengedForBasicButBrowsersNeverAre() {
        HttpResponse<String> script = send(request("/api/anything"));
        HttpResponse<String> browser = send(request("/api/anything").header("Sec-Fetch-Site", "cross-site")
                .header("Sec-Fetch-Mode", "navigate"));

        assertThat(script.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"mekong\"");
        // no dialog, so a browser never holds Basic credentials that another site's requests would carry
        assertThat(browser.statusCode()).isEqualTo(401);
        assertThat(browser.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void wrongPasswordIsRefusedWithJson401() {
        HttpResponse<String> response = send(request("/api/ops-probe/scope", "viewer1", "not-the-password"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"unauthorized\"");
    }

    @Test
    void anonymousHawtioAndJolokiaAreRefused() {
        assertThat(send(request("/actuator/hawtio/")).statusCode()).isEqualTo(401);
        assertThat(send(request("/actuator/jolokia/version")).statusCode()).isEqualTo(401);
        assertThat(send(request("/actuator/prometheus")).statusCode()).isEqualTo(401);

        HttpResponse<String> browser = send(request("/actuator/hawtio/").header("Accept", "text/html"));
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void healthIsPublic() {
        HttpResponse<String> response = send(request("/actuator/health"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\"");
    }

    @Test
    void healthDetailsAreForAdminsAndOperatorsOnly() {
        assertThat(send(request("/actuator/health", "operator1", PASSWORD)).body()).contains("\"components\"");
        assertThat(send(request("/actuator/health", "admin", ADMIN_PASSWORD)).body()).contains("\"components\"");
        for (String user : new String[] {"viewer1", "merchant-a"}) {
            HttpResponse<String> health = send(request("/actuator/health", user, PASSWORD));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).as(user).contains("\"status\"").doesNotContain("components").doesNotContain("db");
        }
        assertThat(send(request("/actuator/health")).body()).doesNotContain("components");
    }

    @Test
    void viewerReadsButCannotWrite() {
        assertThat(send(request("/api/ops-probe/scope", "viewer1", PASSWORD)).body()).isEqualTo("*");

        HttpResponse<String> post = send(request("/api/ops-probe/rows", "viewer1", PASSWORD)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("\"error\":\"forbidden\"");
    }

    @Test
    void merchantIsConfinedToOwnWorkspaceAndForeignRowsLookMissing() {
        assertThat(send(request("/api/ops-probe/scope", "merchant-a", PASSWORD)).body()).isEqualTo("ws-a");
        assertThat(send(request("/api/ops-probe/rows/ws-a", "merchant-a", PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/ops-probe/rows/ws-b", "merchant-a", PASSWORD)).statusCode()).isEqualTo(404);

        HttpResponse<String> created = send(request("/api/ops-probe/rows", "merchant-a", PASSWORD)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("ws-a");
        assertThat(send(request("/api/ops-probe/rows?workspace=ws-b", "merchant-a", PASSWORD)
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(404);
    }

    @Test
    void operatorSeesEveryWorkspace() {
        assertThat(send(request("/api/ops-probe/rows/ws-b", "operator1", PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/ops-probe/rows", "operator1", PASSWORD)
                .POST(HttpRequest.BodyPublishers.noBody())).body()).contains("\"default\"");
    }

    @Test
    void onlyAdminAndOperatorReachHawtio() {
        assertThat(send(request("/actuator/hawtio/", "admin", ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(send(request("/actuator/hawtio/", "operator1", PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(send(request("/actuator/hawtio/", "viewer1", PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(send(request("/actuator/hawtio/", "merchant-a", PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(send(request("/actuator/jolokia/version", "merchant-a", PASSWORD)).statusCode()).isEqualTo(403);
    }

    @Test
    void sandboxPathsAreUnknownPathsBehindTheLoginWhileTheSandboxIsOff() {
        String simulator = "/sandbox/shopify/mekong-demo-vn.myshopify.com/admin/api/2025-10/graphql.json";

        // nothing opens /sandbox/** to the anonymous: it is refused like any other path that needs a login
        assertThat(send(request(simulator)).statusCode()).isEqualTo(401);
        assertThat(send(request("/no-such-page")).statusCode()).isEqualTo(401);
        // a signed-in user learns that no such resource exists, the sandbox's accounts page included
        assertThat(send(request(simulator, "admin", ADMIN_PASSWORD)).statusCode()).isEqualTo(404);
        assertThat(send(request("/sandbox", "admin", ADMIN_PASSWORD)).statusCode()).isEqualTo(404);
        assertThat(send(request("/console/connections/new", "admin", ADMIN_PASSWORD)).body())
                .as("no link to it where a connection begins").contains("connector-shopify").doesNotContain("try-it");
    }
}
