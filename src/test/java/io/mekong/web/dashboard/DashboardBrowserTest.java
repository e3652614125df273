package io.mekong.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.testing.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An admin's path through the dashboard after a sync: the run counts and the drawn charts, then a destination (paused
 * and started again) and an erasure request. Saves the screenshots of docs/console.md.
 */
class DashboardBrowserTest extends DashboardFixture {

    @RegisterExtension
    static ConsoleBrowser browser = new ConsoleBrowser();

    @Test
    void anAdminSeesTheFiguresAndChartsThenPausesADestinationAndFollowsAnErasure() throws Exception {
        prepare();
        browser.signIn(port, "admin", ADMIN_PASSWORD);

        browser.open(port, "/console/dashboard?workspace=" + WS_A);
        browser.waitFor(By.cssSelector("[data-figure='runs-succeeded']"));
        long succeeded = Long.parseLong(browser.driver().findElement(By.cssSelector("[data-figure='runs-succeeded']"))
                .getDomAttribute("data-value"));
        assertThat(succeeded).isPositive();
        // uPlot draws each chart into a canvas; its data are the series the page was given
        for (String chart : new String[] {"orders-chart", "runs-chart"}) {
            By canvas = By.cssSelector("[data-figure='" + chart + "'] canvas");
            browser.waitFor(canvas);
            new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30)).until(d -> drawnPoints(chart) > 0);
        }
        browser.screenshot("console-dashboard");

        browser.driver().findElement(By.cssSelector("[data-destination='" + WS_A + "/" + DESTINATION_A + "'] a")).click();
        browser.waitFor(By.cssSelector("[data-figure='delivered']"));
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains(DESTINATION_A);
        browser.screenshot("console-destination");
        // pausing it disables its delivery; starting it again resumes where it stopped
        browser.driver().findElement(By.cssSelector(".actions button.danger")).click();
        browser.waitFor(By.cssSelector(".message.info"));
        assertThat(jdbc.queryForObject("select enabled from destination where workspace_id = ? and api_id = ?",
                Boolean.class, WS_A, DESTINATION_A)).isFalse();
        browser.driver().findElement(By.cssSelector(".actions button.primary")).click();
        browser.waitFor(By.cssSelector(".actions button.danger"));
        assertThat(jdbc.queryForObject("select enabled from destination where workspace_id = ? and api_id = ?",
                Boolean.class, WS_A, DESTINATION_A)).isTrue();

        browser.open(port, "/console/erasures");
        browser.driver().findElement(By.cssSelector("[data-erasure='" + erasureA + "'] a")).click();
        browser.waitFor(By.cssSelector("#erasure-status [data-part='store']"));
        assertThat(browser.driver().findElement(By.cssSelector("[data-part='store']")).getDomAttribute("data-status"))
                .isEqualTo("completed");
        new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-target='" + DESTINATION_A + "']")));
        browser.screenshot("console-erasure");

        // in Vietnamese the charts name their axis and write their days as Vietnamese does: day before month
        browser.open(port, "/console/dashboard?lang=vi&workspace=" + WS_A);
        new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30)).until(d -> drawnPoints("orders-chart") > 0);
        Object legend = ((JavascriptExecutor) browser.driver()).executeScript("""
                const u = document.querySelector("[data-figure='orders-chart']").uplot;
                u.setLegend({idx: 0});
                const x = u.root.querySelector('.u-legend .u-series');
                const day = new Date(u.data[0][0] * 1000);
                const part = type => new Intl.DateTimeFormat('en-US', {timeZone: 'Asia/Ho_Chi_Minh', day: 'numeric',
                        month: 'numeric'}).formatToParts(day).find(p => p.type === type).value;
                return [x.querySelector('.u-label').textContent, x.querySelector('.u-value').textContent,
                        part('day') + '/' + part('month')];""");
        java.util.List<?> read = (java.util.List<?>) legend;
        assertThat(read.get(0)).isEqualTo("Ngày");
        assertThat(read.get(1)).as("the first day, day/month in the workspace's zone").isEqualTo(read.get(2));
    }

    /** The non-zero values uPlot holds for the chart's series (its data, past the x values). */
    private long drawnPoints(String chart) {
        Object count = ((JavascriptExecutor) browser.driver()).executeScript("""
                const el = document.querySelector("[data-figure='" + arguments[0] + "']");
                if (!el || !el.uplot) return 0;
                return el.uplot.data.slice(1).flat().filter(v => v > 0).length;""", chart);
        return ((Number) count).longValue();
    }
}
