package io.mekong.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.testing.ConsoleBrowser;
import io.mekong.testing.MerchantWorkspaces;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 18's promise, in Chromium: a merchant signed in to workspace A sees A's connections, jobs, customers, dead
 * letters, destinations and erasures and none of B's; B's addresses typed into the address bar show the console's
 * not-found page; the administration is refused; and forms forged on the merchant's own page, with its CSRF token,
 * against B's rows are refused and leave them as they were. (The same over HTTP, page by page, is the area tests';
 * over the API, WorkspaceIsolationApiTest's and those it names.)
 */
class WorkspaceIsolationBrowserTest extends MerchantWorkspaces {

    @RegisterExtension
    static ConsoleBrowser browser = new ConsoleBrowser();

    WorkspaceIsolationBrowserTest() {
        super("iso");
    }

    @BeforeAll
    void theMerchantOfTheFirstWorkspaceSignsIn() {
        browser.signIn(port, own.merchant(), MERCHANT_PASSWORD);
    }

    @Test
    void everyListShowsTheMerchantsOwnRowsAndNoneOfAnotherWorkspace() {
        show("/console/dashboard");
        assertThat(marked("data-connection", own.workspace() + "/" + own.connection())).hasSize(1);
        show("/console/connections");
        assertThat(browser.waitFor(By.id("connections")).getText()).contains(own.connection());
        show("/console/syncs");
        assertThat(links("#syncs", "/console/syncs/" + own.job() + "/runs")).hasSize(1);
        assertThat(links("#syncs", "/console/syncs/" + other.job() + "/runs")).isEmpty();
        show("/console/customers?email=" + URLEncoder.encode(own.email(), StandardCharsets.UTF_8));
        assertThat(marked("id", "customer-" + own.profile())).hasSize(1);
        assertThat(marked("id", "customer-" + other.profile())).as("the same person in B").isEmpty();
        show("/console/dead-letters");
        assertThat(marked("id", "letter-" + own.deadLetter())).hasSize(1);
        assertThat(marked("id", "letter-" + other.deadLetter())).isEmpty();
        show("/console/destinations");
        assertThat(marked("data-destination", own.workspace() + "/" + own.destination())).hasSize(1);
        show("/console/erasures");
        assertThat(marked("data-erasure", own.erasure())).hasSize(1);
        assertThat(marked("data-erasure", other.erasure())).isEmpty();
    }

    @Test
    void anotherWorkspacesAddressesShowTheNotFoundPage() {
        String connection = "/console/connections/" + other.workspace() + "/" + other.connection();
        String destination = "/console/destinations/" + other.destination();
        for (String path : List.of(connection, connection + "/delete",
                "/console/connections/" + own.workspace() + "/" + other.connection(),
                "/console/syncs/" + other.job(), "/console/syncs/" + other.job() + "/runs",
                "/console/syncs/" + other.job() + "/delete", "/console/runs/" + other.run(),
                "/console/syncs/new?connection=" + other.workspace() + "/" + other.connection(),
                "/console/customers/" + other.profile(), "/console/customers/" + other.profile() + "/export",
                "/console/customers/" + other.profile() + "/erase", "/console/dead-letters/" + other.deadLetter(),
                destination, destination + "?workspace=" + other.workspace(), destination + "/edit",
                destination + "/delete",
                "/console/erasures/" + other.erasure(), "/console/dashboard?workspace=" + other.workspace(),
                "/console/dead-letters?workspace=" + other.workspace(),
                "/console/destinations?workspace=" + other.workspace(),
                "/console/erasures?workspace=" + other.workspace())) {
            browser.open(port, path);
            assertNotFound(path);
        }
        browser.open(port, "/console/customers/" + other.profile());
        assertNotFound("B's customer");
        browser.screenshot("isolation-not-found");
    }

    @Test
    void theAdministrationIsRefused() {
        for (String path : List.of("/console/admin/users", "/console/admin/users/" + other.merchant(),
                "/console/admin/workspaces", "/console/admin/audit?workspace=" + other.workspace())) {
            browser.open(port, path);
            assertThat(browser.waitFor(By.tagName("h1")).getText()).as(path).isEqualTo("Not allowed");
            assertThat(browser.driver().getPageSource()).as(path).contains("signed in as " + own.merchant());
        }
    }

    @Test
    void formsForgedAgainstAnotherWorkspacesRowsAreRefusedAndChangeNothing() throws Exception {
        long runs = count("select count(*) from sync_run where job_id = ?", other.job());
        long token = JSON.readTree(send("POST", "/api/tokens", Map.of("name", "nightly export"), other.merchant(),
                MERCHANT_PASSWORD).body()).get("id").asLong();
        String connection = "/console/connections/" + other.workspace() + "/" + other.connection();
        String destination = "/console/destinations/" + other.destination();
        String target = other.workspace() + "/" + other.destination() + "-target";
        Map<String, Map<String, String>> forged = new LinkedHashMap<>();
        forged.put("/console/syncs/" + other.job() + "/run", Map.of());
        forged.put("/console/syncs/" + other.job() + "/enabled", Map.of("enabled", "false"));
        forged.put("/console/syncs/" + other.job(), Map.of("streams", "orders", "preset", "none", "enabled", "false"));
        forged.put("/console/syncs/" + other.job() + "/delete", Map.of());
        forged.put(connection, Map.of("name", "Taken over"));
        forged.put(connection + "/delete", Map.of());
        forged.put("/console/dead-letters/" + other.deadLetter() + "/replay", Map.of());
        forged.put("/console/dead-letters/" + other.deadLetter(), Map.of("payload", "{\"id\": 1}"));
        forged.put("/console/dead-letters/replay", Map.of("ids", String.valueOf(other.deadLetter())));
        forged.put(destination + "/enabled?workspace=" + other.workspace(), Map.of("enabled", "false"));
        forged.put(destination + "/edit", Map.of("connection", target, "deliver", "orders", "enabled", "false"));
        forged.put(destination + "/delete?workspace=" + other.workspace(), Map.of());
        forged.put("/console/destinations/new", Map.of("id", "iso-stolen", "connection", target, "deliver", "orders"));
        forged.put("/console/customers/" + other.profile() + "/erase", Map.of("confirmation", other.email()));
        forged.put("/console/account/tokens/" + token + "/revoke", Map.of());
        forged.forEach((action, fields) -> {
            browser.open(port, "/console/syncs/" + own.job() + "/runs");
            submitForged(action, fields);
            assertNotFound("POST " + action);
        });

        assertThat(count("select count(*) from sync_run where job_id = ?", other.job())).as("no run started")
                .isEqualTo(runs);
        assertThat(jdbc.queryForMap("select enabled, streams::text as streams from sync_job where id = ?", other.job()))
                .containsEntry("enabled", true).containsEntry("streams", "{customers,orders,products}");
        assertThat(jdbc.queryForObject("select name from connection where workspace_id = ? and api_id = ?",
                String.class, other.workspace(), other.connection())).isEqualTo(other.connection());
        assertThat(jdbc.queryForMap("select status, attempts, payload::text as payload from dead_letter where id = ?",
                other.deadLetter())).containsEntry("status", "open").containsEntry("attempts", 0)
                .containsEntry("payload", "{\"id\": 1001}");
        assertThat(jdbc.queryForMap("select enabled, deliver::text as deliver from destination"
                + " where workspace_id = ? and api_id = ?", other.workspace(), other.destination()))
                .containsEntry("enabled", true).containsEntry("deliver", "{erasures}");
        assertThat(jdbc.queryForObject("select count(*) from destination where api_id = 'iso-stolen'", Long.class))
                .isZero();
        assertThat(count("select count(*) from erasure_request where profile_id = ?", other.profile())).isZero();
        assertThat(count("select count(*) from api_token where id = ? and revoked_at is null", token)).isOne();

        // the same forgery on the merchant's own destination goes through: what refused the others is the workspace
        browser.open(port, "/console/destinations");
        submitForged("/console/destinations/" + own.destination() + "/enabled", Map.of("enabled", "false"));
        browser.waitForText(By.cssSelector("main .message.info"), "Delivery disabled");
        assertThat(jdbc.queryForObject("select enabled from destination where workspace_id = ? and api_id = ?",
                Boolean.class, own.workspace(), own.destination())).isFalse();
    }

    /** Opens one of the merchant's pages and waits for its heading; it names nothing of the other workspace. */
    private void show(String path) {
        browser.open(browser.port(), path);
        browser.waitFor(By.tagName("h1"));
        assertThat(browser.driver().getPageSource()).as(path).doesNotContain(other.workspace());
    }

    /** The elements of the open page whose {@code attribute} is {@code value}. */
    private static List<WebElement> marked(String attribute, Object value) {
        return browser.driver().findElements(By.cssSelector("[" + attribute + "='" + value + "']"));
    }

    private static List<WebElement> links(String within, String href) {
        return browser.driver().findElements(By.cssSelector(within + " a[href='" + href + "']"));
    }

    /** The console's not-found page, in the console's frame: who is signed in, and the zone of the times shown. */
    private void assertNotFound(String what) {
        assertThat(browser.waitFor(By.tagName("h1")).getText()).as(what).isEqualTo("Not found");
        assertThat(browser.driver().findElement(By.cssSelector("main .message")).getText()).as(what)
                .endsWith(": it does not exist, or it is not in your workspace.");
        assertThat(browser.driver().findElement(By.id("account")).getText()).as(what).startsWith(own.merchant());
        assertThat(browser.driver().findElement(By.tagName("footer")).getText()).as(what).contains("Asia/Ho_Chi_Minh");
    }

    /**
     * Builds a form on the open page, with the page's own CSRF token, and submits it as the browser would; waits for
     * the answer's page.
     */
    private static void submitForged(String action, Map<String, String> fields) {
        WebElement page = browser.driver().findElement(By.tagName("html"));
        ((JavascriptExecutor) browser.driver()).executeScript("""
                const [action, fields] = arguments;
                const form = document.createElement('form');
                form.method = 'post';
                form.action = action;
                const values = Object.assign({_csrf: document.querySelector('input[name=_csrf]').value}, fields);
                for (const [name, value] of Object.entries(values)) {
                  const input = document.createElement('input');
                  input.type = 'hidden';
                  input.name = name;
                  input.value = value;
                  form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();""", action, fields);
        browser.waitUntil(ExpectedConditions.stalenessOf(page));
    }

    private long count(String sql, long id) {
        return jdbc.queryForObject(sql, Long.class, id);
    }
}
