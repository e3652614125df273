package io.mekong.ops.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.testing.ConsoleBrowser;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An operator's path in a real browser (Debian's headless Chromium): opens Hawtio, signs in on the page they get,
 * finds the sync job in the JMX tree under {@code mekong}, runs it from the Operations tab, and the run appears in the
 * API and finishes. Saves {@code target/console-screenshots/hawtio-run-now.png} for the docs.
 */
class HawtioRunNowBrowserTest extends HubIntegrationTest {

    @RegisterExtension
    static ConsoleBrowser browser = new ConsoleBrowser();

    private static final String WORKSPACE = "ws-hawtio";
    private static final String OPERATOR = "hawtio-operator";
    private static final String PASSWORD = "hawtio-operator-password";

    @Autowired
    AppUsers users;

    @BeforeEach
    void operator() {
        if (!users.exists(OPERATOR)) {
            users.create(OPERATOR, PASSWORD, Role.OPERATOR, null);
        }
    }

    @Test
    void anOperatorRunsASyncJobFromHawtiosOperationsTab() throws Exception {
        jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", WORKSPACE, WORKSPACE);
        long syncId = connectionWithSync(WORKSPACE, "hawtio-shop", SHOP, "VND", TOKEN);
        awaitRegistered("mekong:type=SyncJob,workspace=" + WORKSPACE + ",name=" + syncId);
        WebDriver driver = browser.driver();
        // Hawtio loads a large application: more patience than the console's pages need
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
        browser.open(port, "/actuator/hawtio/");
        wait.until(ExpectedConditions.urlContains("/login"));
        driver.findElement(By.id("username")).sendKeys(OPERATOR);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/actuator/hawtio/"));

        browser.open(port, "/actuator/hawtio/jmx");
        String item = "//*[@id='jmx-tree-view']";
        for (String folder : new String[] {"mekong", "SyncJob", WORKSPACE}) {
            item += "//li[" + labelled(folder) + "]";
            expand(wait, item);
        }
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(item + "//li[" + labelled(String.valueOf(syncId))
                + "]/*[1]//button[contains(@class, 'tree-view__node-text')]"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[(self::a or self::button) and normalize-space()='Operations']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//button[starts-with(@aria-labelledby, 'operation runNow()')]"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[starts-with(@id, 'operation-execute-runNow')]//button[normalize-space()='Execute']"))).click();
        By result = By.xpath("//*[starts-with(@id, 'operation-result-runNow')]");
        wait.until(ExpectedConditions.textMatches(result, Pattern.compile("\\d+")));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                driver.findElement(result));
        browser.screenshot("hawtio-run-now");

        Matcher runId = Pattern.compile("(\\d+)").matcher(driver.findElement(result).getText());
        assertThat(runId.find()).isTrue();
        JsonNode run = awaitRun(Long.parseLong(runId.group(1)));
        assertThat(run.get("jobId").asLong()).isEqualTo(syncId);
        assertThat(run.get("trigger").asText()).isEqualTo("manual");
        assertThat(run.get("status").asText()).isEqualTo("succeeded");
        assertThat(call("GET", "/api/syncs/" + syncId + "/runs", null, 200).get(0).get("id").asLong())
                .isEqualTo(run.get("id").asLong());
    }

    /** Opens the folder at {@code item} (an XPath) of the JMX tree, unless it is open already. */
    private void expand(WebDriverWait wait, String item) {
        WebElement folder = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(item)));
        if (!"true".equals(folder.getAttribute("aria-expanded"))) {
            folder.findElement(By.xpath("./*[1]//button[contains(@class, 'tree-view__node-toggle')]")).click();
        }
    }

    /** A tree item whose own label (not a child's) is {@code label}. */
    private static String labelled(String label) {
        return "./*[1]//*[normalize-space(text())='" + label + "']";
    }

    private void awaitRegistered(String mbean) {
        for (int attempt = 0; attempt < 150; attempt++) {
            JsonNode found = jolokiaSearch(mbean);
            if (found.size() == 1) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError(mbean + " was not registered within 30 s");
    }

    private JsonNode jolokiaSearch(String mbean) {
        var response = send("POST", "/actuator/jolokia", Map.of("type", "search", "mbean", mbean), OPERATOR, PASSWORD);
        try {
            return JSON.readTree(response.body()).get("value");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
