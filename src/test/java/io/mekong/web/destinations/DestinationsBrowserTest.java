package io.mekong.web.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.testing.ConsoleBrowser;
import io.mekong.testing.HubIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A merchant creates a destination in a real browser: from the list, the form offers their webhook connection and the
 * deliverables; saved, the destination's page says so and the list shows it. Saves the guide's screenshot of the form.
 */
class DestinationsBrowserTest extends HubIntegrationTest {

    private static final String MERCHANT = "browser-destination-merchant";
    private static final String PASSWORD = "browser-destination-password";
    private static final String WORKSPACE = "browser-destination-ws";

    @RegisterExtension
    static ConsoleBrowser browser = new ConsoleBrowser();

    @Autowired
    AppUsers users;

    @Test
    void aMerchantCreatesADestinationFromTheFormAndSeesItInTheList() {
        jdbc.update("insert into workspace (id, name) values (?, 'Browser destinations') on conflict do nothing", WORKSPACE);
        users.create(MERCHANT, PASSWORD, Role.MERCHANT, WORKSPACE);
        call("POST", "/api/connections", Map.of("id", "erp-hook", "workspace", WORKSPACE, "connector", "webhook",
                "name", "Our ERP", "params", Map.of("url", "http://localhost:" + port + "/sandbox/hooks/browser-erp"),
                "secrets", Map.of("signingSecret", "whsec-browser-erp")), 201);
        browser.signIn(port, MERCHANT, PASSWORD);

        browser.open(port, "/console/destinations?lang=en");
        browser.waitFor(By.id("new-destination")).click();
        browser.waitFor(By.id("id")).sendKeys("erp");
        new Select(browser.driver().findElement(By.id("connection"))).selectByValue(WORKSPACE + "/erp-hook");
        browser.driver().findElement(By.id("deliver-orders")).click();
        browser.driver().findElement(By.id("deliver-erasures")).click();
        browser.screenshot("console-destination-new");
        browser.driver().findElement(By.id("save")).click();

        browser.waitForText(By.id("notice"), "Destination created.");
        browser.driver().findElement(By.linkText("All destinations")).click();
        String row = "tr[data-destination='" + WORKSPACE + "/erp']";
        browser.waitFor(By.cssSelector(row));
        assertThat(browser.driver().findElement(By.cssSelector(row)).getText()).contains("erp-hook").contains("orders")
                .contains("erasures");
        browser.signOut();
    }
}
