package io.mekong.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's figures against the store's tables, and the workspace confinement of the dashboard, destination and
 * erasure pages, over HTTP (the browser path is {@link DashboardBrowserTest}'s).
 */
class DashboardConsoleTest extends DashboardFixture {

    @BeforeEach
    void workspaces() throws Exception {
        prepare();
    }

    @Test
    void theFiguresShownAreTheStoresCountsOfTheWorkspace() throws Exception {
        String html = adminPage("/console/dashboard/figures?workspace=" + WS_A);
        Instant dayAgo = Instant.now().minus(24, ChronoUnit.HOURS);

        assertThat(figure(html, "runs-succeeded")).isEqualTo(jdbc.queryForObject("""
                select count(*) from sync_run where workspace_id = ? and status = 'succeeded' and queued_at >= ?""",
                Long.class, WS_A, java.sql.Timestamp.from(dayAgo))).isPositive();
        assertThat(figure(html, "runs-failed")).isZero();
        long lastRunRead = jdbc.queryForObject("""
                select sum(read) from sync_run_stream where run_id = (select max(id) from sync_run where connection_id = ?)""",
                Long.class, SHOP_A);
        String row = "data-connection=\"" + WS_A + "/" + SHOP_A + "\"";
        assertThat(attribute(html, row, "data-health")).isEqualTo("ok");
        assertThat(Long.parseLong(attribute(html, row, "data-read"))).isEqualTo(lastRunRead).isPositive();
        assertThat(figure(html, "dead-letters")).isEqualTo(jdbc.queryForObject(
                "select count(*) from dead_letter where workspace_id = ? and status = 'open'", Long.class, WS_A));
        assertThat(figure(html, "webhooks")).isEqualTo(jdbc.queryForObject(
                "select count(*) from webhook_inbox where workspace_id = ?", Long.class, WS_A)).isEqualTo(WEBHOOKS);

        JsonNode orders = chart(html, "orders-chart");
        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        Instant monthStart = LocalDate.now(zone).minusDays(Dashboard.ORDER_DAYS - 1).atStartOfDay(zone).toInstant();
        assertThat(orders.get("x")).hasSize(Dashboard.ORDER_DAYS);
        assertThat(orders.get("series")).hasSize(1);
        assertThat(orders.at("/series/0/label").asText()).isEqualTo(SHOP_A);
        long charted = 0;
        for (JsonNode day : orders.at("/series/0/values")) {
            charted += day.asLong();
        }
        assertThat(charted).isEqualTo(jdbc.queryForObject("""
                select count(*) from sales_order where connection_id = ? and placed_at >= ? and not deleted and not test""",
                Long.class, SHOP_A, java.sql.Timestamp.from(monthStart))).isPositive();

        JsonNode runs = chart(html, "runs-chart");
        JsonNode read = runs.at("/series/0/values");
        assertThat(read.get(read.size() - 1).asLong()).as("the last run's records, last").isEqualTo(lastRunRead);
        assertThat(attribute(html, "data-destination=\"" + WS_A + "/" + DESTINATION_A + "\"", "data-dead-letters"))
                .isEqualTo("0");
    }

    @Test
    void aMerchantSeesNoneOfAnotherWorkspacesFiguresDestinationsOrErasures() {
        String own = page("/console/dashboard/figures", MERCHANT_A, MERCHANT_PASSWORD).body();
        assertThat(own).contains(SHOP_A).contains(DESTINATION_A).doesNotContain(SHOP_B).doesNotContain(DESTINATION_B)
                .doesNotContain(WS_B);
        assertThat(page("/console/dashboard/figures?workspace=" + WS_B, MERCHANT_A, MERCHANT_PASSWORD).statusCode())
                .isEqualTo(404);

        String destinations = page("/console/destinations", MERCHANT_A, MERCHANT_PASSWORD).body();
        assertThat(destinations).contains(DESTINATION_A).doesNotContain(DESTINATION_B);
        assertThat(page("/console/destinations/" + DESTINATION_B, MERCHANT_A, MERCHANT_PASSWORD).statusCode()).isEqualTo(404);
        assertThat(page("/console/destinations/" + DESTINATION_B + "?workspace=" + WS_B, MERCHANT_A, MERCHANT_PASSWORD)
                .statusCode()).isEqualTo(404);
        assertThat(page("/console/destinations/" + DESTINATION_A, MERCHANT_A, MERCHANT_PASSWORD).statusCode()).isEqualTo(200);

        String erasures = page("/console/erasures", MERCHANT_A, MERCHANT_PASSWORD).body();
        assertThat(erasures).contains("data-erasure=\"" + erasureA + "\"").doesNotContain("data-erasure=\"" + erasureB + "\"");
        assertThat(page("/console/erasures/" + erasureB, MERCHANT_A, MERCHANT_PASSWORD).statusCode()).isEqualTo(404);
        assertThat(page("/console/erasures/" + erasureB + "/status", MERCHANT_A, MERCHANT_PASSWORD).statusCode())
                .isEqualTo(404);
        assertThat(page("/console/erasures/" + erasureA, MERCHANT_A, MERCHANT_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminSeesEveryWorkspaceOrTheOneNamed() {
        String all = adminPage("/console/dashboard/figures");
        assertThat(all).contains("data-connection=\"" + WS_A + "/" + SHOP_A + "\"")
                .contains("data-connection=\"" + WS_B + "/" + SHOP_B + "\"");
        assertThat(adminPage("/console/dashboard/figures?workspace=" + WS_B)).doesNotContain(SHOP_A);
        assertThat(adminPage("/console/destinations/" + DESTINATION_B + "?workspace=" + WS_B)).contains(DESTINATION_B);
        assertThat(adminPage("/console/erasures/" + erasureB)).contains("data-status=");
    }
}
