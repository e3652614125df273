package io.mekong.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.sandbox.shopify.LineItem;
import io.mekong.sandbox.shopify.Order;
import io.mekong.testing.ConsoleBrowser;
import io.mekong.testing.HubIntegrationTest;
import io.mekong.testing.PoisonedOrders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A merchant's paths through the customer and dead-letter pages in a real browser: finding a customer who bought on
 * the Shopify shop and the Magento store and seeing both channels' orders in dong, and fixing a rejected order's JSON
 * and replaying it into the store. Each path runs in a workspace of its own, with its own merchant.
 */
class PeopleConsoleBrowserTest extends HubIntegrationTest {

    private static final String PASSWORD = "people-console-pass";

    @RegisterExtension
    static ConsoleBrowser browser = new ConsoleBrowser();

    @Autowired
    AppUsers users;

    @Test
    void aMerchantFindsACustomerAndSeesTheirOrdersFromTwoChannelsInDong() {
        String ws = merchantWorkspace("people-360");
        // the Magento store's people are the first Shopify shop's: the same merchant sells on both
        runToEnd(connectionWithSync(ws, "p360-shop", SHOP, "VND", TOKEN));
        magentoConnection(ws, "p360-magento", Map.of("baseCurrency", "VND"));
        JsonNode run = runToEnd(call("POST", "/api/syncs", Map.of("connection", "p360-magento", "workspace", ws,
                "streams", List.of("customers", "orders")), 201).get("id").asLong());
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        String email = jdbc.queryForObject("""
                select p.golden ->> 'email' from profile p
                 where p.workspace_id = ? and p.golden ->> 'email' is not null
                   and (select count(distinct o.connection_id) from profile_order po join sales_order o on o.id = po.order_id
                         where po.profile_id = p.id) = 2
                 order by p.id limit 1""", String.class, ws);

        browser.signIn(port, ws, PASSWORD);
        browser.open(port, "/console/customers?lang=vi");
        browser.waitFor(By.id("email")).sendKeys(email.toUpperCase());
        browser.driver().findElement(By.id("search-submit")).click();
        WebElement found = browser.waitFor(By.cssSelector("#customers tbody tr td a"));
        browser.screenshot("console-customers-search");
        found.click();

        browser.waitFor(By.id("orders"));
        List<String> channels = browser.driver().findElements(By.cssSelector("#orders td.channel")).stream()
                .map(WebElement::getText).toList();
        assertThat(channels).anyMatch(c -> c.startsWith("shopify p360-shop")).anyMatch(c -> c.startsWith("magento p360-magento"));
        assertThat(browser.driver().findElements(By.cssSelector("#orders td.total"))).extracting(WebElement::getText)
                .allMatch(total -> total.matches("\\d{1,3}(\\.\\d{3})*[ \\u00a0]₫"), "dong without decimals, grouped by dots");
        assertThat(browser.driver().findElement(By.id("total-revenue")).getText()).endsWith("₫");
        assertThat(browser.driver().findElements(By.cssSelector("#identities tbody tr"))).hasSizeGreaterThanOrEqualTo(2);
        browser.screenshot("console-customer-360");
        browser.signOut();
    }

    @Test
    void aMerchantFixesARejectedOrdersJsonAndReplaysItIntoTheStore() {
        String ws = merchantWorkspace("people-dl");
        long sync = connectionWithSync(ws, "pdl-shop", SHOP, "VND", TOKEN);
        runToEnd(sync);
        Order poisoned = shop().read(() -> shop().orders().stream().skip(11).findFirst().orElseThrow());
        List<LineItem> original = List.copyOf(poisoned.lineItems);
        try {
            shop().updateOrder(poisoned.id, o -> o.lineItems = PoisonedOrders.tooManyLines(original));
            assertThat(stream(runToEnd(sync), "orders").get("rejected").asInt()).isEqualTo(1);
        } finally {
            shop().updateOrder(poisoned.id, o -> o.lineItems = new ArrayList<>(original)); // the shop is shared
        }

        browser.signIn(port, ws, PASSWORD);
        browser.open(port, "/console/dead-letters?lang=en");
        new Select(browser.waitFor(By.id("connection"))).selectByValue("pdl-shop");
        browser.driver().findElement(By.id("reason")).sendKeys("line items");
        browser.driver().findElement(By.id("apply-filter")).click();
        WebElement letterLink = browser.waitFor(By.cssSelector("#letters tbody tr td a"));
        browser.screenshot("console-dead-letters");
        letterLink.click();

        WebElement payload = browser.waitFor(By.id("payload"));
        assertThat(browser.driver().findElement(By.id("reason")).getText()).contains("more than 20 line items");
        // the person trims the order to the lines that matter; a slip of the keyboard first
        ObjectNode fixed = (ObjectNode) read(payload.getAttribute("value"));
        ((ObjectNode) fixed.at("/lineItems/pageInfo")).put("hasNextPage", false);
        ArrayNode lines = (ArrayNode) fixed.at("/lineItems/nodes");
        while (lines.size() > 2) {
            lines.remove(lines.size() - 1);
        }
        type(payload, fixed.toPrettyString().replaceFirst("\\}\\s*$", ""));
        browser.driver().findElement(By.id("save")).click();
        browser.waitForText(By.id("payload-error"), "This is not valid JSON: line");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});",
                browser.driver().findElement(By.id("payload-error")));
        browser.screenshot("console-dead-letter-malformed");

        type(browser.driver().findElement(By.id("payload")), fixed.toPrettyString());
        browser.driver().findElement(By.id("save")).click();
        browser.waitForText(By.id("notice"), "Payload saved");
        browser.driver().findElement(By.id("replay")).click();
        browser.waitForText(By.id("notice"), "Replayed: the record was stored.");
        assertThat(browser.driver().findElement(By.id("status")).getText()).isEqualTo("Replayed");
        browser.screenshot("console-dead-letter-replayed");
        assertThat(call("GET", "/api/orders/pdl-shop/" + poisoned.id, null, 200).get("lines"))
                .as("the order is in the store, with the lines kept").hasSize(2);
        browser.signOut();
    }

    /** A workspace of its own with its merchant, named as it, who signs in with {@link #PASSWORD}. */
    private String merchantWorkspace(String ws) {
        jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", ws, ws);
        if (!users.exists(ws)) {
            users.create(ws, PASSWORD, Role.MERCHANT, ws);
        }
        return ws;
    }

    /** Replaces the text area's content, as pasting a corrected document does. */
    private static void type(WebElement area, String text) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", area, text);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
