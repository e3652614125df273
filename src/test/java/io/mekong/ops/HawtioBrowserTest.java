package io.mekong.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person does: opens the README's Hawtio link in a real browser (Debian's headless Chromium), is sent to the
 * sign-in page, signs in, and lands in Hawtio looking at the hub's Camel routes. Hawtio's JavaScript sends the CSRF
 * token of the session (the {@code XSRF-TOKEN} cookie as {@code X-XSRF-TOKEN}); a POST without it is refused.
 */
class HawtioBrowserTest extends OpsIntegrationTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws Exception {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver;"
                        + " .ci/run installs them)");
        profile = Files.createTempDirectory("mekong-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPersonSignsInFromTheHawtioLinkAndSeesTheRoutes() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("http://localhost:" + port + "/actuator/hawtio/");

        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.getTitle()).isEqualTo("Sign in · Mekong");
        assertThat(browser.findElement(By.name("_csrf")).getAttribute("value")).as("the form carries a CSRF token").isNotBlank();
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();

        wait.until(ExpectedConditions.urlContains("/actuator/hawtio"));
        browser.get("http://localhost:" + port + "/actuator/hawtio/camel/routes");
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "sync-stream"));
        } finally {
            Files.write(Path.of("target", "hawtio-browser.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("webhook-batch").contains("dead-letter-replay").contains("deletion-sweep");

        // Hawtio's own Jolokia POSTs (the routes above) carried the token; an operation from the page with the
        // XSRF-TOKEN cookie's value succeeds, the same POST with the session cookie but without the token does not
        Object answers = ((JavascriptExecutor) browser).executeAsyncScript(JOLOKIA_GC_WITH_AND_WITHOUT_TOKEN);
        assertThat(answers).asString().startsWith("200 ").contains("\"status\":200").contains("|403 ");
    }

    /** A Jolokia exec (run the garbage collector) posted from the page, once with the token and once without. */
    private static final String JOLOKIA_GC_WITH_AND_WITHOUT_TOKEN = """
            const done = arguments[arguments.length - 1];
            const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).substring(11);
            const exec = headers => fetch('/actuator/jolokia', {method: 'POST', credentials: 'same-origin',
                headers: Object.assign({'Content-Type': 'application/json'}, headers),
                body: JSON.stringify({type: 'exec', mbean: 'java.lang:type=Memory', operation: 'gc()'})})
              .then(response => response.text().then(text => response.status + ' ' + text));
            exec({'X-XSRF-TOKEN': token})
              .then(withToken => exec({}).then(withoutToken => done(withToken + '|' + withoutToken)))
              .catch(e => done('failed: ' + e));
            """;

    @Test
    void aWrongPasswordKeepsThePersonOnTheSignInPageWithAMessage() {
        browser.get("http://localhost:" + port + "/actuator/hawtio/");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("sign-in")).click();

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/login?error"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).isEqualTo("Wrong user name or password.");
    }
}
