package io.mekong.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A browser session (the login form's cookie) cannot be made to change anything by another site: every
 * state-changing request needs the CSRF token, the API's included; scripts that send an Authorization header need
 * none. The session cookie is never sent cross-site (SameSite=Strict).
 */
class BrowserSessionTest extends OpsIntegrationTest {


    @Test
    void aSessionPostToTheApiWithoutTheCsrfTokenIsRefused() {
        HttpClient browser = client();
        assertThat(signInWithForm(browser, "merchant-a", PASSWORD).statusCode()).isEqualTo(302);

        String connection = newConnection();
        HttpResponse<String> forged = send(browser, request("/api/connections")
                .header("Content-Type", "application/json").POST(json(connection)));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("\"error\":\"forbidden\"").contains("CSRF token");
        String id = connection.substring(7, connection.indexOf('"', 7));
        assertThat(send(browser, request("/api/connections/" + id)).statusCode()).as("nothing was created")
                .isEqualTo(404);
    }

    @Test
    void aSessionPostWithTheCookiesTokenInTheHeaderIsAccepted() {
        HttpClient browser = client();
        signInWithForm(browser, "merchant-a", PASSWORD);
        send(browser, request("/api/ops-probe/scope"));

        HttpResponse<String> created = send(browser, request("/api/connections")
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", cookie(browser, "XSRF-TOKEN").getValue())
                .POST(json(newConnection())));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aBasicAuthenticatedPostNeedsNoToken() {
        HttpResponse<String> created = send(request("/api/connections", "merchant-a", PASSWORD)
                .header("Content-Type", "application/json").POST(json(newConnection())));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void anAnonymousPostWithoutTokenIsAskedToSignInRatherThanForAToken() {
        HttpResponse<String> anonymous = send(request("/api/connections")
                .header("Content-Type", "application/json").POST(json(newConnection())));

        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void theSessionCookieOfARealSignInIsStrictAndHttpOnly() {
        HttpResponse<String> signIn = signInWithForm(client(), "viewer1", PASSWORD);

        List<String> cookies = signIn.headers().allValues("Set-Cookie");
        assertThat(cookies).filteredOn(c -> c.startsWith("JSESSIONID=")).singleElement().satisfies(session -> {
            assertThat(session).contains("SameSite=Strict").contains("HttpOnly");
        });
    }

    @Test
    void theCsrfCookieIsStrictAndReadableByTheConsolesJavaScript() {
        HttpResponse<String> form = send(request("/login"));

        assertThat(form.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("XSRF-TOKEN="))
                .singleElement().satisfies(token -> assertThat(token).contains("SameSite=Strict")
                        .doesNotContain("HttpOnly"));
    }

    private static HttpCookie cookie(HttpClient browser, String name) {
        CookieManager cookies = (CookieManager) browser.cookieHandler().orElseThrow();
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie"));
    }

    private static String newConnection() {
        String id = "csrf-probe-" + UUID.randomUUID().toString().substring(0, 8);
        return "{\"id\":\"" + id + "\",\"connector\":\"shopify\",\"params\":{\"shop\":\"" + id + ".myshopify.com\"},"
                + "\"secrets\":{\"accessToken\":\"shpat_csrf_probe\"}}";
    }

}
