package io.mekong.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.testing.ConsoleForms;
import io.mekong.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Creating an API token on the account page is safe to reload: the form's answer is a redirect, the page after it
 * shows the secret once, and reloading that page (or coming back to it) shows no secret and creates no other token.
 */
class AccountTokenPageTest extends HubIntegrationTest {

    private static final String USER = "acct-token-viewer";
    private static final String PASSWORD = "account token page password";

    @Autowired
    AppUsers users;

    @BeforeEach
    void aViewer() {
        if (!users.exists(USER)) {
            users.create(USER, PASSWORD, Role.VIEWER, null);
        }
    }

    @Test
    void aNewTokenIsShownOnceAndReloadingThePageNeitherShowsItAgainNorCreatesAnother() {
        ConsoleForms person = new ConsoleForms(port, USER, PASSWORD).keepingCookies();

        HttpResponse<String> created = person.post("/console/account/tokens",
                Map.of("name", "reload probe", "lifetimeDays", 30));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/console/account#tokens-title");

        Element shown = Jsoup.parse(person.get("/console/account").body()).getElementById("token-value");
        assertThat(shown).as("the page after the redirect shows the new token").isNotNull();
        String token = shown.attr("value");
        assertThat(token).startsWith("mkg_");
        assertThat(jdbc.queryForObject("select count(*) from api_token where token_hash = sha256(?::bytea)",
                Integer.class, token)).as("the token shown is the one stored").isEqualTo(1);

        HttpResponse<String> reloaded = person.get("/console/account");
        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(reloaded.body()).contains("reload probe").doesNotContain(token)
                .doesNotContain("id=\"token-value\"");
        assertThat(jdbc.queryForObject("select count(*) from api_token where username = ? and name = 'reload probe'",
                Integer.class, USER)).as("one token, however often the page is loaded").isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsAnsweredOnThePageItselfAndNothingIsCreated() {
        HttpResponse<String> refused = new ConsoleForms(port, USER, PASSWORD).in("vi")
                .post("/console/account/tokens", Map.of("name", " "));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(refused.body()).select("#create-token .field-error").text())
                .isEqualTo("Cần nhập tên, tối đa 100 ký tự.");
        assertThat(jdbc.queryForObject("select count(*) from api_token where username = ? and name = ''",
                Integer.class, USER)).isZero();
    }
}
