package io.mekong.web.syncs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.testing.ConsoleBrowser;
import io.mekong.testing.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A merchant's path in a real browser: sign in, connect their Shopify shop from the form generated from the connector's
 * schema, test it, schedule a sync of its streams hourly, run it now and watch it finish on the same page, its progress
 * replaced in place (no reload) until the counts are final. Saves the screenshots of docs/console.md.
 */
class MerchantSyncBrowserTest extends HubIntegrationTest {

    private static final String MERCHANT = "browser-sync-merchant";
    private static final String PASSWORD = "browser-sync-password";
    private static final String WORKSPACE = "browser-sync-ws";

    @RegisterExtension
    static ConsoleBrowser browser = new ConsoleBrowser();

    @Autowired
    AppUsers users;

    @Test
    void aMerchantConnectsTheirShopSchedulesASyncRunsItAndWatchesItFinish() {
        jdbc.update("insert into workspace (id, name) values (?, 'Browser shop') on conflict do nothing", WORKSPACE);
        users.create(MERCHANT, PASSWORD, Role.MERCHANT, WORKSPACE);
        browser.signIn(port, MERCHANT, PASSWORD);

        browser.open(port, "/console/connections?lang=en");
        browser.waitFor(By.id("new-connection")).click();
        browser.waitFor(By.id("connector-shopify")).click();
        type("name", "My Shopify shop");
        type("id", "my-shop");
        type("param.shop", SHOP);
        type("param.baseUrl", shopBaseUrl());
        type("secret.accessToken", TOKEN);
        assertThat(browser.driver().findElement(By.id("param.defaultRegion")).getAttribute("value"))
                .as("the schema's default").isEqualTo("VN");
        browser.screenshot("console-connection-form");
        browser.driver().findElement(By.id("save")).click();

        browser.waitForText(By.id("saved"), "Saved.");
        browser.driver().findElement(By.id("test-connection")).click();
        browser.waitForText(By.id("test-result"), "It works:");
        assertThat(browser.driver().findElement(By.id("webhook-url")).getAttribute("value"))
                .endsWith("/webhooks/shopify/" + WORKSPACE + "/my-shop");
        browser.screenshot("console-connection-detail");

        browser.driver().findElement(By.id("new-sync")).click();
        browser.waitFor(By.id("preset-hourly"));
        assertThat(browser.driver().findElements(By.cssSelector("#streams input[type=checkbox]")))
                .as("every stream of the connector, ticked").allMatch(WebElement::isSelected).hasSize(4);
        browser.driver().findElement(By.id("preset-hourly")).click();
        browser.screenshot("console-sync-form");
        browser.driver().findElement(By.id("save")).click();

        browser.waitForText(By.id("schedule-words"), "Hourly");
        assertThat(browser.driver().findElement(By.id("next-run")).getText()).startsWith("Next run: ").endsWith("(+07:00)");
        browser.driver().findElement(By.id("run-now")).click();

        browser.waitFor(By.id("run-status"));
        // a mark on this very page: a reload would lose it, so the status below changed in place
        ((JavascriptExecutor) browser.driver()).executeScript("window.samePage = true");
        browser.screenshot("console-run-live");
        // read in the page itself: htmx may replace the element between a lookup and a read from here
        browser.waitUntil(ExpectedConditions.jsReturnsValue(
                "return document.getElementById('progress').dataset.status === 'succeeded' || null"));
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.samePage")).isEqualTo(true);
        assertThat(browser.driver().findElement(By.cssSelector("#stream-orders .read")).getText())
                .isEqualTo(String.valueOf(shop().orderCount()));
        assertThat(browser.driver().findElement(By.cssSelector("#stream-customers .read")).getText())
                .isEqualTo(String.valueOf(shop().customerCount()));
        browser.screenshot("console-run-finished");

        browser.driver().findElement(By.linkText("Sync job #" + jobId() + " of my-shop")).click();
        browser.waitFor(By.cssSelector("#runs tbody tr"));
        browser.screenshot("console-sync-runs");
        browser.signOut();
    }

    private long jobId() {
        return jdbc.queryForObject("select j.id from sync_job j join connection c on c.id = j.connection_id"
                + " where c.workspace_id = ? and c.api_id = 'my-shop'", Long.class, WORKSPACE);
    }

    private void type(String id, String text) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
