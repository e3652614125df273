package io.mekong.sink.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/bi.md "One login per workspace": its SQL, run as it stands on the reporting schema as the migrations make it,
 * with rows of two workspaces, gives a role that sees only the rows of workspace {@code acme} in every table it may read
 * and in the revenue view, while {@code mekong_reporting_reader} still sees both. All in one transaction, rolled back:
 * the roles, policies and rows leave nothing behind in the shared test database.
 */
class ReportingRowSecurityTest {

    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);
    private static final List<String> TABLES = List.of("dim_channel", "dim_customer", "dim_product", "fact_order",
            "fact_order_line", "fact_payment");

    @Test
    void aPerWorkspaceRoleSeesOnlyItsWorkspacesRowsAndTheAllWorkspacesReaderSeesAll() throws Exception {
        try (Connection db = TestDatabase.dataSource().getConnection()) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                rowsOf(sql, "acme", 9_000_001L);
                rowsOf(sql, "globex", 9_000_002L);
                sql.execute(recipe());

                sql.execute("set local role bi_acme");
                for (String table : TABLES) {
                    assertThat(workspaces(sql, table)).as(table).containsOnly("acme").isNotEmpty();
                }
                assertThat(workspaces(sql, "revenue")).as("the revenue view").containsOnly("acme").isNotEmpty();

                sql.execute("reset role");
                sql.execute("set local role mekong_reporting_reader");
                for (String table : TABLES) {
                    assertThat(workspaces(sql, table)).as(table).contains("acme", "globex");
                }
                assertThat(workspaces(sql, "revenue")).contains("acme", "globex");
            } finally {
                db.rollback();
            }
        }
    }

    /** The SQL block of docs/bi.md's section "One login per workspace". */
    private static String recipe() throws IOException {
        String guide = Files.readString(Path.of("docs/bi.md"));
        int start = guide.indexOf("## One login per workspace");
        assertThat(start).as("docs/bi.md has its per-workspace section").isNotNegative();
        int end = guide.indexOf("\n## ", start + 1);
        Matcher block = SQL_BLOCK.matcher(guide.substring(start, end < 0 ? guide.length() : end));
        assertThat(block.find()).as("the section's SQL").isTrue();
        return block.group(1);
    }

    /** A channel (connection), a customer, a product, an order with a line and a payment of {@code workspace}. */
    private static void rowsOf(Statement sql, String workspace, long profile) throws SQLException {
        String conn = "rls-" + workspace + "-shop";
        sql.execute("insert into reporting.dim_channel (connection_id, workspace_id, api_id, connector, name, sequence)"
                + " values ('" + conn + "', '" + workspace + "', 'shop', 'shopify', 'Shop', 1)");
        sql.execute("insert into reporting.dim_customer (profile_id, workspace_id, email, sequence)"
                + " values (" + profile + ", '" + workspace + "', 'lan@" + workspace + ".example', 1)");
        sql.execute("insert into reporting.dim_product (connection_id, external_id, workspace_id, title, sequence)"
                + " values ('" + conn + "', 'p1', '" + workspace + "', 'Áo thun', 1)");
        sql.execute("""
                insert into reporting.fact_order (connection_id, external_id, workspace_id, customer_id, date_key, placed_at,
                  status, currency, total_minor, refunded_minor, purchase, net_revenue_minor, cancelled, test, deleted, sequence)
                values ('%s', 'o1', '%s', %d, 20250601, '2025-06-01T08:00:00Z', 'open', 'VND', 250000, 0, true, 250000,
                  false, false, false, 1)""".formatted(conn, workspace, profile));
        sql.execute("""
                insert into reporting.fact_order_line (connection_id, order_external_id, line_no, product_external_id,
                  quantity, unit_price_minor, discount_minor, net_minor, currency, sequence)
                values ('%s', 'o1', 1, 'p1', 1, 250000, 0, 250000, 'VND', 1)""".formatted(conn));
        sql.execute("""
                insert into reporting.fact_payment (connection_id, external_id, workspace_id, customer_id, currency,
                  amount_minor, test, deleted, sequence)
                values ('%s', 'pi1', '%s', %d, 'VND', 250000, false, false, 1)""".formatted(conn, workspace, profile));
    }

    /**
     * The workspaces of the rows {@code relation} shows the current role (order lines have none: the one their
     * connection's id names, read from the line alone so that only the lines' own policy decides).
     */
    private static List<String> workspaces(Statement sql, String relation) throws SQLException {
        String query = relation.equals("fact_order_line")
                ? "select split_part(connection_id, '-', 2) from reporting.fact_order_line where connection_id like 'rls-%'"
                : "select workspace_id from reporting." + relation + " where workspace_id in ('acme', 'globex')";
        List<String> found = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }
}
