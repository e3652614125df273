package io.mekong.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HawtioConsoleTest extends OpsIntegrationTest {

    private static final String SEARCH_ROUTES = "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}";

    @Autowired
    ProducerTemplate producer;

    @Test
    void adminLogsInThroughHawtioAndSeesCamelRoutes() {
        HttpClient browser = client();

        HttpResponse<String> login = hawtioLogin(browser, "admin", ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("io.hawt.web.auth.RolePrincipal").contains("\"admin\"");

        HttpResponse<String> methods = send(browser, request("/actuator/hawtio/auth/config/login"));
        assertThat(methods.body()).as("Hawtio's own login page offers its form, not \"Unsupported external\"")
                .contains("\"method\":\"form\"").contains("\"url\":\"auth/login\"").doesNotContain("external");

        HttpResponse<String> user = send(browser, request("/actuator/hawtio/user"));
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(user.body()).contains("admin");

        HttpResponse<String> withoutToken = send(browser, request("/actuator/jolokia")
                .header("Content-Type", "application/json").POST(json(SEARCH_ROUTES)));
        assertThat(withoutToken.statusCode()).as("a session's Jolokia POST needs the CSRF token").isEqualTo(403);

        // as Hawtio's JavaScript does: the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header
        HttpResponse<String> routes = send(browser, request("/actuator/jolokia")
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrfCookie(browser))
                .POST(json(SEARCH_ROUTES)));
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("\"status\":200").contains("type=routes").contains("ops-probe");
    }

    @Test
    void operatorMayUseHawtioLogin() {
        assertThat(hawtioLogin(client(), "operator1", PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void viewerAndMerchantAreDeniedAndGetNoConsoleSession() {
        for (String user : new String[] {"viewer1", "merchant-a"}) {
            HttpClient browser = client();
            assertThat(hawtioLogin(browser, user, PASSWORD).statusCode()).isEqualTo(403);
            HttpResponse<String> jolokia = send(browser, request("/actuator/jolokia")
                    .header("Content-Type", "application/json").POST(json(SEARCH_ROUTES)));
            assertThat(jolokia.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aViewerOnTheWayToHawtioIsToldWhyInTheirLanguage() {
        HttpClient browser = client();
        signInWithForm(browser, "viewer1", PASSWORD);

        HttpResponse<String> english = send(browser, request("/actuator/hawtio/").header("Accept", "text/html"));
        assertThat(english.statusCode()).isEqualTo(403);
        assertThat(english.body()).contains("You are signed in as viewer1 (viewer).")
                .contains("Hawtio, the operations console, is for admins and operators.").contains("id=\"sign-out\"");
        HttpResponse<String> vietnamese = send(browser, request("/actuator/hawtio/").header("Accept", "text/html")
                .header("Accept-Language", "vi-VN,vi;q=0.9"));
        assertThat(vietnamese.body()).contains("Bạn đang đăng nhập với tài khoản viewer1 (viewer).")
                .contains("chỉ dành cho quản trị viên và nhân viên vận hành");
        assertThat(send(browser, request("/actuator/jolokia/version")).statusCode())
                .as("a script's request still gets JSON").isEqualTo(403);
    }

    @Test
    void hawtiosLogOutEndsTheSessionOnTheSignInPage() {
        HttpClient browser = client();
        signInWithForm(browser, "operator1", PASSWORD);
        assertThat(send(browser, request("/actuator/hawtio/user")).statusCode()).isEqualTo(200);

        HttpResponse<String> logout = send(browser, request("/actuator/hawtio/auth/logout").header("Accept", "text/html"));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login?logout"));
        assertThat(send(browser, request("/actuator/hawtio/user")).statusCode()).as("signed out").isEqualTo(401);
    }

    @Test
    void wrongPasswordIsRefused() {
        HttpResponse<String> login = hawtioLogin(client(), "admin", "not-the-password");

        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.body()).contains("\"error\":\"unauthorized\"");
    }

    @Test
    void jolokiaAcceptsBasicAuthForOperatorsOnly() {
        assertThat(send(request("/actuator/jolokia", "operator1", PASSWORD)
                .header("Content-Type", "application/json").POST(json(SEARCH_ROUTES))).body())
                .contains("ops-probe");
        assertThat(send(request("/actuator/jolokia", "viewer1", PASSWORD)
                .header("Content-Type", "application/json").POST(json(SEARCH_ROUTES))).statusCode())
                .isEqualTo(403);
    }

    @Test
    void prometheusShowsPerRouteCamelMetricsToAdminOnly() {
        producer.requestBody("direct:ops-probe", "ping");

        HttpResponse<String> metrics = send(request("/actuator/prometheus", "admin", ADMIN_PASSWORD));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"ops-probe\"");
        assertThat(send(request("/actuator/prometheus", "viewer1", PASSWORD)).statusCode()).isEqualTo(403);
    }

    private static String xsrfCookie(HttpClient browser) {
        return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).findFirst()
                .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie")).getValue();
    }

    private HttpResponse<String> hawtioLogin(HttpClient browser, String user, String password) {
        return send(browser, request("/actuator/hawtio/auth/login").header("Content-Type", "application/json")
                .POST(json("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")));
    }
}
