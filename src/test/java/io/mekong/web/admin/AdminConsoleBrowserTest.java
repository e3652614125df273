package io.mekong.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.testing.ConsoleBrowser;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * An admin creates a merchant user for one workspace in the console; the merchant signs in, creates an API token on
 * their account page, and the token reads that workspace's connections only.
 */
class AdminConsoleBrowserTest extends HubIntegrationTest {

    private static final String MERCHANT_PASSWORD = "phở bò tái chín 2026";

    @RegisterExtension
    static ConsoleBrowser browser = new ConsoleBrowser();

    @Test
    void anAdminCreatesAMerchantWhoseNewTokenSeesOnlyTheirWorkspace() throws Exception {
        for (String workspace : List.of("bt-hanoi", "bt-saigon")) {
            call("POST", "/api/workspaces", Map.of("id", workspace, "name", "Shop " + workspace), 201);
            call("POST", "/api/connections", Map.of("id", workspace + "-shopify", "workspace", workspace,
                    "connector", "shopify", "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                    "secrets", Map.of("accessToken", TOKEN)), 201);
        }

        browser.signIn(port, "admin", ADMIN_PASSWORD);
        browser.open(port, "/console/admin/users?lang=en");
        browser.driver().findElement(By.id("username")).sendKeys("bt-merchant");
        browser.driver().findElement(By.id("password")).sendKeys("short");
        new Select(browser.driver().findElement(By.id("role"))).selectByValue("merchant");
        new Select(browser.driver().findElement(By.id("workspace"))).selectByValue("bt-hanoi");
        browser.driver().findElement(By.id("create-user")).click();
        // the policy speaks next to the field, and the form keeps what was typed
        browser.waitForText(By.cssSelector("#new-user .field-error"), "at least 12 characters");
        assertThat(browser.driver().findElement(By.id("username")).getAttribute("value")).isEqualTo("bt-merchant");

        browser.driver().findElement(By.id("password")).sendKeys(MERCHANT_PASSWORD);
        browser.driver().findElement(By.id("create-user")).click();
        browser.waitForText(By.id("user-bt-merchant"), "bt-hanoi");
        browser.screenshot("console-admin-users");

        browser.open(port, "/console/admin/audit?subjectType=user");
        browser.waitForText(By.id("audit"), "bt-merchant");
        browser.screenshot("console-admin-audit");
        browser.open(port, "/console/admin/audit?subjectType=user&lang=vi");
        browser.waitForText(By.id("audit"), "người dùng bt-merchant");
        assertThat(browser.driver().findElement(By.id("audit")).getText()).as("actions in the reader's words")
                .contains("tạo").doesNotContain("created");
        browser.open(port, "/console/admin/audit?lang=en");
        browser.open(port, "/console/admin/workspaces");
        browser.waitFor(By.id("workspace-bt-hanoi"));
        browser.screenshot("console-admin-workspaces");
        browser.signOut();

        browser.signIn(port, "bt-merchant", MERCHANT_PASSWORD);
        browser.driver().findElement(By.id("account")).click();
        browser.waitFor(By.id("token-name")).sendKeys("nightly export");
        browser.driver().findElement(By.id("create-token-button")).click();
        String token = browser.waitFor(By.id("token-value")).getAttribute("value");
        assertThat(token).startsWith("mkg_");
        browser.waitForText(By.id("tokens"), "nightly export");
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('tokens-title').scrollIntoView()");
        browser.screenshot("console-account-token");

        HttpResponse<String> connections = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/connections"))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(connections.statusCode()).isEqualTo(200);
        assertThat(ids(connections.body())).containsExactly("bt-hanoi-shopify");

        // the page shows the use a moment later, and never shows the token again
        browser.open(port, "/console/account");
        assertThat(browser.waitFor(By.cssSelector("#tokens .last-used")).getText()).isNotEqualTo("never");
        assertThat(browser.driver().getPageSource()).doesNotContain(token);
        browser.signOut();
    }

    private static List<String> ids(String body) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode connection : JSON.readTree(body)) {
            ids.add(connection.get("id").asText());
        }
        return ids;
    }
}
