package io.mekong.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.testing.ConsoleBrowser;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's frame as a person meets it: the hub's address leads to the sign-in page and back to the dashboard,
 * the pages speak Vietnamese or English as chosen, and the role rules hold for the console's own paths.
 */
class ConsoleShellTest extends HubIntegrationTest {

    private static final String PASSWORD = "console-shell-password";

    @RegisterExtension
    static ConsoleBrowser browser = new ConsoleBrowser();

    @Autowired
    AppUsers users;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void people() {
        jdbc.update("insert into workspace (id, name) values ('shell-ws', 'Shell shop') on conflict do nothing");
        for (Role role : Role.values()) {
            String name = "shell-" + role.id();
            if (!users.exists(name)) {
                users.create(name, PASSWORD, role, role == Role.MERCHANT ? "shell-ws" : null);
            }
        }
    }

    @Test
    void aPersonOpeningTheHubSignsInLandsOnTheDashboardAndSwitchesToVietnameseAndBack() {
        browser.open(port, "/");
        browser.waitUntil(driver -> driver.getCurrentUrl().contains("/login"));
        browser.driver().findElement(By.id("lang-vi")).click();
        browser.waitForText(By.id("sign-in"), "Đăng nhập");
        browser.driver().findElement(By.id("username")).sendKeys("shell-merchant");
        browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver().findElement(By.id("sign-in")).click();

        browser.waitUntil(driver -> driver.getCurrentUrl().endsWith("/console/dashboard"));
        assertThat(browser.waitFor(By.cssSelector("header nav a.active")).getText()).isEqualTo("Tổng quan");
        assertThat(browser.driver().findElement(By.cssSelector("header .workspace")).getText()).isEqualTo("shell-ws");
        assertThat(browser.driver().findElement(By.id("account")).getText()).isEqualTo("shell-merchant · người bán");
        assertThat(browser.driver().findElements(By.linkText("Quản trị"))).as("no administration for a merchant").isEmpty();
        browser.screenshot("console-shell-vi");

        browser.driver().findElement(By.id("lang-en")).click();
        browser.waitForText(By.cssSelector("header nav a.active"), "Dashboard");
        assertThat(browser.driver().findElement(By.tagName("footer")).getText())
                .isEqualTo("Times are shown in Asia/Ho_Chi_Minh.");

        browser.signOut();
        assertThat(browser.driver().findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("You are signed out.");
        browser.open(port, "/console/dashboard");
        browser.waitUntil(driver -> driver.getCurrentUrl().contains("/login"));
    }

    @Test
    void anAdminSeesAllWorkspacesAndTheAdministrationEntry() {
        browser.signIn(port, "shell-admin", PASSWORD);
        browser.open(port, "/console?lang=en");
        assertThat(browser.waitFor(By.cssSelector("header .workspace")).getText()).isEqualTo("All workspaces");
        assertThat(browser.driver().findElements(By.linkText("Administration"))).hasSize(1);
        browser.signOut();
    }

    @Test
    void theConsolesRoleRulesHoldForEveryRole() throws Exception {
        assertThat(get("/console/dashboard", null).statusCode()).as("nobody signed in").isEqualTo(401);
        for (Role role : Role.values()) {
            assertThat(get("/console/dashboard", role).statusCode()).as("%s reads the dashboard", role).isEqualTo(200);
            int admin = get("/console/admin/users", role).statusCode();
            assertThat(admin == 403).as("%s and administration (%s)", role, admin).isEqualTo(role != Role.ADMIN);
        }
        assertThat(post("/console/connections", Role.VIEWER).statusCode()).as("a viewer changes nothing").isEqualTo(403);
        assertThat(get("/webjars/htmx.org/dist/htmx.min.js", null).statusCode()).as("scripts need no sign-in").isEqualTo(200);
        assertThat(get("/webjars/uplot/dist/uPlot.iife.min.js", null).statusCode()).isEqualTo(200);
        assertThat(get("/console/console.js", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, Role role) throws IOException, InterruptedException {
        return http.send(request(path, role).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Role role) throws IOException, InterruptedException {
        return http.send(request(path, role).POST(HttpRequest.BodyPublishers.ofString("name=x"))
                .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, Role role) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (role != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("shell-" + role.id() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }
}
