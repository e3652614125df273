package io.mekong.sink.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every query of docs/bi.md's "The standard KPIs" runs against the reporting schema as the migrations make it, so the
 * documentation cannot drift from the schema; the revenue KPI adds up to what fact_order holds.
 */
class ReportingKpiQueriesTest extends HubIntegrationTest {

    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyKpiQueryOfTheBiGuideRuns() throws IOException {
        String guide = Files.readString(Path.of("docs/bi.md"));
        int start = guide.indexOf("## The standard KPIs");
        assertThat(start).as("docs/bi.md has its KPI section").isNotNegative();
        int end = guide.indexOf("\n## ", start + 1);
        List<String> queries = new ArrayList<>();
        Matcher blocks = SQL_BLOCK.matcher(guide.substring(start, end < 0 ? guide.length() : end));
        while (blocks.find()) {
            queries.add(blocks.group(1).strip().replaceAll(";$", ""));
        }
        assertThat(queries).as("revenue, orders, AOV, repeat-purchase rate, CLV by channel and by cohort").hasSize(6);

        List<List<Map<String, Object>>> answers = queries.stream().map(jdbc::queryForList).toList();

        long revenue = answers.get(0).stream().mapToLong(row -> ((Number) row.get("revenue_minor")).longValue()).sum();
        assertThat(revenue).isEqualTo(jdbc.queryForObject("select coalesce(sum(net_revenue_minor), 0)"
                + " from reporting.fact_order where workspace_id = 'default' and not test and not deleted", Long.class));
        assertThat(answers.get(3)).singleElement().satisfies(row -> assertThat(row).containsKey("repeat_purchase_rate"));
    }
}
