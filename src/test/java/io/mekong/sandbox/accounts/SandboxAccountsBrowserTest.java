package io.mekong.sandbox.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.testing.ConsoleBrowser;
import io.mekong.testing.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A newcomer's path in a real browser: from the choice of a system to the sandbox's accounts, then the Shopify shop's
 * values from there into the connection form, and "test connection" works. Saves the screenshot
 * {@code sandbox-accounts} of docs/sandbox.md.
 */
class SandboxAccountsBrowserTest extends HubIntegrationTest {

    @RegisterExtension
    static ConsoleBrowser browser = new ConsoleBrowser();

    @Test
    void aNewcomerConnectsTheSimulatedShopWithTheValuesOfThePage() {
        browser.signIn(port, "admin", ADMIN_PASSWORD);
        browser.open(port, "/console/connections/new?lang=en");
        browser.waitFor(By.id("try-it")).click();

        browser.waitFor(By.id("simulator-shopify"));
        browser.screenshot("sandbox-accounts");
        String shop = text("shopify-1-shop");
        String baseUrl = text("shopify-1-baseUrl");
        String token = text("shopify-1-accessToken");
        assertThat(shop).isEqualTo(SHOP);

        browser.open(port, "/console/connections/new?connector=shopify");
        type("name", "Sandbox shop");
        type("id", "sandbox-shop");
        type("param.shop", shop);
        type("param.baseUrl", baseUrl);
        type("secret.accessToken", token);
        browser.driver().findElement(By.id("save")).click();

        browser.waitForText(By.id("saved"), "Saved.");
        browser.driver().findElement(By.id("test-connection")).click();
        browser.waitForText(By.id("test-result"), "It works:");
        browser.signOut();
    }

    private String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private void type(String id, String text) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
