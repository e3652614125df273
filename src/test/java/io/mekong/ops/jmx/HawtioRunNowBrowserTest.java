package io.mekong.ops.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.testing.HubIntegrationTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An operator's path in a real browser (Debian's headless Chromium): opens Hawtio, signs in on the page they get,
 * finds the sync job in the JMX tree under {@code mekong}, runs it from the Operations tab, and the run appears in the
 * API and finishes. Saves {@code target/console-screenshots/hawtio-run-now.png} for the docs, and on failure
 * {@code target/browser-failures/HawtioRunNowBrowserTest.png} with the page source.
 */
class HawtioRunNowBrowserTest extends HubIntegrationTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String WORKSPACE = "ws-hawtio";
    private static final String OPERATOR = "hawtio-operator";
    private static final String PASSWORD = "hawtio-operator-password";

    @Autowired
    AppUsers users;

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws Exception {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver;"
                        + " .ci/run installs them)");
        if (!users.exists(OPERATOR)) {
            users.create(OPERATOR, PASSWORD, Role.OPERATOR, null);
        }
        profile = Files.createTempDirectory("mekong-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,800", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorRunsASyncJobFromHawtiosOperationsTab() throws Exception {
        jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", WORKSPACE, WORKSPACE);
        long syncId = connectionWithSync(WORKSPACE, "hawtio-shop", SHOP, "VND", TOKEN);
        awaitRegistered("mekong:type=SyncJob,workspace=" + WORKSPACE + ",name=" + syncId);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        try {
            browser.get("http://localhost:" + port + "/actuator/hawtio/");
            wait.until(ExpectedConditions.urlContains("/login"));
            browser.findElement(By.id("username")).sendKeys(OPERATOR);
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.id("sign-in")).click();
            wait.until(ExpectedConditions.urlContains("/actuator/hawtio/"));

            browser.get("http://localhost:" + port + "/actuator/hawtio/jmx");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("jmx-tree-view")));
            for (String folder : new String[] {"mekong", "SyncJob", WORKSPACE}) {
                expand(wait, folder);
            }
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@id='jmx-tree-view']//li[" + hasLabel(WORKSPACE)
                    + "]//*[normalize-space(text())='" + syncId + "']"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[(self::a or self::button) and normalize-space()='Operations']"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "//li[starts-with(@aria-labelledby, 'operation runNow')]//button[contains(@id, 'toggle')]"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "//*[starts-with(@id, 'operation-execute-runNow')]//button[normalize-space()='Execute']"))).click();
            By result = By.xpath("//*[starts-with(@id, 'operation-result-runNow')]");
            wait.until(ExpectedConditions.textMatches(result, Pattern.compile("\\d+")));
            screenshot(Path.of("target", "console-screenshots", "hawtio-run-now.png"));

            Matcher runId = Pattern.compile("(\\d+)").matcher(browser.findElement(result).getText());
            assertThat(runId.find()).isTrue();
            JsonNode run = awaitRun(Long.parseLong(runId.group(1)));
            assertThat(run.get("jobId").asLong()).isEqualTo(syncId);
            assertThat(run.get("trigger").asText()).isEqualTo("manual");
            assertThat(run.get("status").asText()).isEqualTo("succeeded");
            assertThat(call("GET", "/api/syncs/" + syncId + "/runs", null, 200).get(0).get("id").asLong())
                    .isEqualTo(run.get("id").asLong());
        } catch (Exception | AssertionError e) {
            screenshot(Path.of("target", "browser-failures", getClass().getSimpleName() + ".png"));
            Files.writeString(Path.of("target", "browser-failures", getClass().getSimpleName() + ".html"),
                    browser.getPageSource());
            throw e;
        }
    }

    /** Opens a folder of the JMX tree: PatternFly's tree marks its toggle with aria-expanded. */
    private void expand(WebDriverWait wait, String folder) {
        WebElement toggle = wait.until(ExpectedConditions.elementToBeClickable(By.xpath("(//*[@id='jmx-tree-view']//li["
                + hasLabel(folder) + "]/*[1]//*[@aria-expanded])[last()]")));
        if (!"true".equals(toggle.getAttribute("aria-expanded"))) {
            toggle.click();
        }
    }

    /** An item of the tree whose own label (not a child's) is {@code label}. */
    private static String hasLabel(String label) {
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
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
