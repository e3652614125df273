package io.mekong.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What an admin changes about a person holds at once for the sessions that person has open: disabled, or given
 * another role or workspace, their next console page is the sign-in form and their next API call with the old session
 * cookie is 401; a disabled person's API token is refused too. Saving a person unchanged ends nothing.
 */
class SessionsEndWithTheirUserTest extends OpsIntegrationTest {

    @Test
    void aMerchantDisabledByAnAdminIsSignedOutAtOnceAndTheirTokenRefused() {
        String merchant = merchant("sessions-disabled");
        HttpClient browser = client();
        assertThat(signInWithForm(browser, merchant, PASSWORD).statusCode()).isEqualTo(302);
        assertThat(page(browser, "/console/dashboard").statusCode()).isEqualTo(200);
        String token = token(merchant);
        assertThat(bearer(token).statusCode()).isEqualTo(200);

        saveInConsole(merchant, "merchant", "ws-a", false);

        HttpResponse<String> api = send(browser, request("/api/connections"));
        assertThat(api.statusCode()).as("the API with the old session cookie").isEqualTo(401);
        HttpResponse<String> console = page(browser, "/console/dashboard");
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> asToken = bearer(token);
        assertThat(asToken.statusCode()).isEqualTo(401);
        assertThat(asToken.body()).contains("user_disabled");
        assertThat(signInWithForm(client(), merchant, PASSWORD).headers().firstValue("Location").orElseThrow())
                .as("nor can they sign in again").contains("/login?");
    }

    @Test
    void anotherWorkspaceOrRoleEndsTheSessionButSavingTheSameValuesDoesNot() {
        String merchant = merchant("sessions-moved");
        HttpClient browser = client();
        signInWithForm(browser, merchant, PASSWORD);

        saveInConsole(merchant, "merchant", "ws-a", true);
        assertThat(page(browser, "/console/dashboard").statusCode()).as("nothing changed").isEqualTo(200);

        saveInConsole(merchant, "merchant", "ws-b", true);
        assertThat(send(browser, request("/api/ops-probe/scope")).statusCode()).as("moved to ws-b").isEqualTo(401);

        HttpClient again = client();
        signInWithForm(again, merchant, PASSWORD);
        assertThat(send(again, request("/api/ops-probe/scope")).body()).as("signed in anew, in ws-b").contains("ws-b");
        saveInConsole(merchant, "viewer", "", true);
        assertThat(page(again, "/console/dashboard").statusCode()).as("made a viewer").isEqualTo(302);
    }

    private String merchant(String name) {
        if (!users.exists(name)) {
            users.create(name, PASSWORD, Role.MERCHANT, "ws-a");
        }
        return name;
    }

    /** The admin saves the person's form on their console page (HTTP Basic: no CSRF token needed). */
    private void saveInConsole(String username, String role, String workspace, boolean enabled) {
        String form = Map.of("role", role, "workspace", workspace, "enabled", String.valueOf(enabled)).entrySet()
                .stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> saved = send(request("/console/admin/users/" + username, "admin", ADMIN_PASSWORD)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    }

    private HttpResponse<String> page(HttpClient browser, String path) {
        return send(browser, request(path).header("Accept", "text/html"));
    }

    private String token(String username) {
        HttpResponse<String> created = send(request("/api/tokens", username, PASSWORD)
                .header("Content-Type", "application/json").POST(json("{\"name\":\"sessions test\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> bearer(String token) {
        return send(request("/api/connections").header("Authorization", "Bearer " + token));
    }
}
