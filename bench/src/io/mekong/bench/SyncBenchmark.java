package io.mekong.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connection.ConnectionDraft;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.Page;
import io.mekong.mapping.MappedPage;
import io.mekong.mapping.MappingEngine;
import io.mekong.mapping.MappingResult;
import io.mekong.mapping.canonical.CanonicalOrder;
import io.mekong.sandbox.SandboxHttpServer;
import io.mekong.sandbox.shopify.SeedSize;
import io.mekong.sandbox.shopify.ShopSettings;
import io.mekong.sandbox.shopify.ShopifyGraphQL;
import io.mekong.sandbox.shopify.ShopifySeed;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ShopifySimulator;
import io.mekong.sandbox.shopify.ThrottlePlan;
import io.mekong.store.PageCommit;
import io.mekong.store.PageCommitter;
import io.mekong.sync.SyncJob;
import io.mekong.sync.SyncJobRepository;
import io.mekong.sync.SyncRun;
import io.mekong.sync.SyncRunRepository;
import io.mekong.sync.SyncRunService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark P1: N Shopify orders pulled from the simulator into the store end to end (real HTTP, GraphQL,
 * connector, JSONata mapping, batched store), and in the same run the ceiling: the same canonical rows upserted
 * with plain JDBC batches. Also times mapping alone and the store path alone, to show where the time goes.
 * Usage: bench/run-p1.sh [orders]   (default 50000)
 */
public final class SyncBenchmark {

    private static final String SHOP = "bench-vn.myshopify.com";
    private static final String TOKEN = "shpat_bench_0000";
    private static final String WARM_UP_SHOP = "bench-warm-up.myshopify.com";
    private static final int BATCH = 250;

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Path data = BenchHub.dataDir("p1");
        // The simulated Shopify runs on its own HTTP server, as the real one is not inside the hub; its cost
        // bucket never runs dry, since this measures the hub, not Shopify's rate limits.
        long seedStart = System.nanoTime();
        ShopifyShop shop = shop(SHOP, orders);
        // A second, smaller shop synced first: a hub runs for days, so the measured run is the JIT-compiled steady
        // state; the cold first run is reported too, since it is what a freshly started hub sees.
        int warmUpOrders = Math.max(1000, orders / 10);
        ShopifyShop warmUp = shop(WARM_UP_SHOP, warmUpOrders);

        try (SandboxHttpServer shopify = SandboxHttpServer.start(new ShopifySimulator(new ShopifyGraphQL(1000, 200), List.of(shop, warmUp)));
             ConfigurableApplicationContext app = BenchHub.start(data)) {
            System.out.printf("started hub and seeded %,d + %,d orders in %.1f s%n", orders, warmUpOrders,
                    seconds(System.nanoTime() - seedStart));
            ConnectionService connections = app.getBean(ConnectionService.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            CpuMeter cpu = new CpuMeter(data, CpuMeter.SIMULATOR);
            List<Row> rows = new ArrayList<>();

            Measured cold = measure(cpu, () -> syncOrders(app, connections, shopify, WARM_UP_SHOP, "warm-up", warmUpOrders));
            emptyStore(jdbc);

            // 1. end to end
            Measured endToEnd = measure(cpu, () -> syncOrders(app, connections, shopify, SHOP, "bench", orders));
            rows.add(new Row("**end to end** (simulator over HTTP, GraphQL, connector, mapping, store; "
                    + endToEnd.result() + " stored batches)", orders, endToEnd));
            rows.add(new Row("the same, cold: the first sync after start (the warm-up shop)", warmUpOrders, cold));

            // the same records, for the partial measurements and the ceiling (not timed)
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> payloads = new ArrayList<>();
            for (String text : jdbc.queryForList("select payload::text from source_record where connection_id = 'bench'"
                    + " and entity = 'order' order by source_updated_at", String.class)) {
                payloads.add(json.readTree(text));
            }
            MappingEngine mapping = app.getBean(MappingEngine.class);
            ConnectionContext context = connections.context("bench");

            // 2. reading alone: the connector walks every page over HTTP and the records are dropped
            ConnectorEngine engine = app.getBean(ConnectorEngine.class);
            Measured reading = measure(cpu, () -> {
                int read = 0;
                String token = null;
                do {
                    Page page = engine.fetch(context, "orders", null, token);
                    read += page.records().size();
                    token = page.nextPageToken();
                } while (token != null);
                if (read != orders) {
                    throw new IllegalStateException("read " + read + " orders, expected " + orders);
                }
                return read;
            });
            rows.add(new Row("reading alone (connector over HTTP from the simulator, " + (orders + 2) / 3
                    + " requests of 3 orders)", orders, reading));

            // 3. mapping alone
            List<MappedPage> mappedPages = new ArrayList<>();
            Measured mappingOnly = measure(cpu, () -> {
                for (int i = 0; i < payloads.size(); i += BATCH) {
                    mappedPages.add(mapping.map("shopify", "order", payloads.subList(i, Math.min(payloads.size(), i + BATCH)),
                            context.params()));
                }
                return mappedPages.size();
            });
            rows.add(new Row("mapping alone (JSONata, validation)", orders, mappingOnly));
            List<CanonicalOrder> canonical = mappedPages.stream().flatMap(p -> p.results().stream())
                    .map(r -> (CanonicalOrder) ((MappingResult.Mapped) r).record()).toList();

            // 4. store path alone (classification, raw landing, canonical upsert, lines), from empty tables again
            emptyStore(jdbc);
            PageCommitter committer = app.getBean(PageCommitter.class);
            Measured storing = measure(cpu, () -> {
                for (MappedPage page : mappedPages) {
                    committer.commit(new PageCommit(null, context, null, page, null));
                }
                return mappedPages.size();
            });
            rows.add(new Row("store path alone (`PageCommitter`: raw landing + canonical upsert + lines, batches of "
                    + BATCH + ")", orders, storing));

            // 5. ceiling: plain JDBC batch upserts of the same canonical orders and lines, from empty tables too
            emptyStore(jdbc);
            DataSource dataSource = app.getBean(DataSource.class);
            Measured ceiling = measure(cpu, () -> {
                jdbcBatchUpsert(dataSource, canonical);
                return canonical.size();
            });
            rows.add(new Row("**ceiling**: plain JDBC `addBatch` upserts of the same canonical orders and lines, 500 per"
                    + " round trip", orders, ceiling));

            report(rows, orders / endToEnd.seconds(), orders / ceiling.seconds());
        }
    }

    /** What one measurement took: wall time, CPU by process group, and what the measured code returned. */
    private record Measured(double seconds, CpuMeter.Sample cpu, Object result) {
    }

    private record Row(String what, int orders, Measured measured) {
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static Measured measure(CpuMeter cpu, Work work) throws Exception {
        CpuMeter.Sample before = cpu.now();
        long start = System.nanoTime();
        Object result = work.run();
        double seconds = seconds(System.nanoTime() - start);
        return new Measured(seconds, cpu.now().minus(before), result);
    }

    static ShopifyShop shop(String domain, int orders) {
        ShopifyShop shop = new ShopifyShop(new ShopSettings(domain, "Bench", "VND", ZoneId.of("Asia/Ho_Chi_Minh"), TOKEN,
                ThrottlePlan.UNMETERED), Clock.systemUTC());
        ShopifySeed.populate(shop, 20251001L, new SeedSize(Math.max(50, orders / 10), orders, 200));
        return shop;
    }

    /**
     * One sync run of the orders stream through a new connection, timed by the caller (the run's own timestamps
     * agree to within the 50 ms poll); fails unless every order was inserted. Returns the number of stored batches.
     */
    static int syncOrders(ConfigurableApplicationContext app, ConnectionService connections,
                                                SandboxHttpServer shopify, String domain, String connection, int orders)
            throws InterruptedException {
        connections.create(new ConnectionDraft(connection, "default", "shopify", connection,
                Map.of("shop", domain, "baseUrl", shopify.baseUrl() + "/" + domain, "currency", "VND"),
                Map.of("accessToken", TOKEN)));
        SyncJob job = app.getBean(SyncJobRepository.class).create("default", connection, List.of("orders"), null, true);
        long runId = app.getBean(SyncRunService.class).start(job, "manual").orElseThrow();
        SyncRunRepository runs = app.getBean(SyncRunRepository.class);
        SyncRun run = runs.find(runId).orElseThrow();
        while (run.active()) {
            Thread.sleep(50);
            run = runs.find(runId).orElseThrow();
        }
        SyncRun.StreamRun stream = run.streams().get(0);
        if (!run.status().equals("succeeded") || stream.inserted() != orders) {
            throw new IllegalStateException("sync did not store every order: " + run);
        }
        return stream.batches();
    }

    /** Every measurement starts from the same state the end-to-end run had: empty record tables. */
    private static void emptyStore(JdbcTemplate jdbc) {
        jdbc.execute("truncate sales_order, order_line, source_record");
        jdbc.execute("vacuum analyze sales_order, order_line, source_record");
    }

    private static void report(List<Row> rows, double endToEnd, double ceiling) {
        System.out.println();
        System.out.printf("machine: %d cores, %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
                cpuModel(), System.getProperty("java.version"));
        System.out.println("| measurement | orders | seconds | orders/s | CPU ms per order: hub | simulator | PostgreSQL | total |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            CpuMeter.Sample cpu = row.measured().cpu();
            double perOrder = 1000.0 / row.orders();
            System.out.printf("| %s | %d | %.1f | %.0f | %.2f | %.2f | %.2f | %.2f |%n", row.what(), row.orders(),
                    row.measured().seconds(), row.orders() / row.measured().seconds(), cpu.hub() * perOrder,
                    cpu.simulator() * perOrder, cpu.postgres() * perOrder,
                    (cpu.jvm() + cpu.postgres()) * perOrder);
        }
        System.out.printf("%nend to end / ceiling = %.2f (target >= 0.50)%n", endToEnd / ceiling);
    }

    /** What a careful hand-written loader does: addBatch/executeBatch of upserts, 500 rows a round trip. */
    private static void jdbcBatchUpsert(DataSource dataSource, List<CanonicalOrder> orders) throws Exception {
        String order = """
                insert into sales_order (workspace_id, connection_id, external_id, order_number, customer_external_id, email,
                  phone, currency, presentment_currency, subtotal_minor, discount_minor, shipping_minor, tax_minor,
                  total_minor, refunded_minor, financial_status, fulfillment_status, status, cancelled_at, cancel_reason,
                  placed_at, billing_address, shipping_address, tags, test, payments, refunds, source_created_at,
                  source_updated_at, content_hash)
                values ('default', 'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb,
                  ?, ?, ?::jsonb, ?::jsonb, ?, ?, 'x')
                on conflict (connection_id, external_id) do update set total_minor = excluded.total_minor,
                  source_updated_at = excluded.source_updated_at, updated_at = now()
                where sales_order.source_updated_at <= excluded.source_updated_at""";
        String line = """
                insert into order_line (order_id, line_no, external_id, product_external_id, variant_external_id, sku, title,
                  variant_title, quantity, current_quantity, unit_price_minor, discount_minor, currency)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int from = 0; from < orders.size(); from += 500) {
                List<CanonicalOrder> batch = orders.subList(from, Math.min(orders.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement(order)) {
                    for (CanonicalOrder o : batch) {
                        int i = 1;
                        ps.setString(i++, o.externalId());
                        ps.setString(i++, o.orderNumber());
                        ps.setString(i++, o.customerExternalId());
                        ps.setString(i++, o.email());
                        ps.setString(i++, o.phone());
                        ps.setString(i++, o.currency());
                        ps.setString(i++, o.presentmentCurrency());
                        ps.setObject(i++, o.subtotalMinor());
                        ps.setObject(i++, o.discountMinor());
                        ps.setObject(i++, o.shippingMinor());
                        ps.setObject(i++, o.taxMinor());
                        ps.setLong(i++, o.totalMinor());
                        ps.setLong(i++, o.refundedMinor());
                        ps.setString(i++, o.financialStatus());
                        ps.setString(i++, o.fulfillmentStatus());
                        ps.setString(i++, o.status());
                        ps.setTimestamp(i++, o.cancelledAt() == null ? null : Timestamp.from(o.cancelledAt()));
                        ps.setString(i++, o.cancelReason());
                        ps.setTimestamp(i++, Timestamp.from(o.placedAt()));
                        ps.setString(i++, json.writeValueAsString(o.billingAddress()));
                        ps.setString(i++, json.writeValueAsString(o.shippingAddress()));
                        ps.setArray(i++, c.createArrayOf("text", o.tags().toArray()));
                        ps.setBoolean(i++, o.test());
                        ps.setString(i++, json.writeValueAsString(o.payments()));
                        ps.setString(i++, json.writeValueAsString(o.refunds()));
                        ps.setTimestamp(i++, o.createdAt() == null ? null : Timestamp.from(o.createdAt()));
                        ps.setTimestamp(i, Timestamp.from(o.updatedAt()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                Map<String, Long> ids = new HashMap<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "select id, external_id from sales_order where connection_id = 'bench' and external_id = any(?)")) {
                    ps.setArray(1, c.createArrayOf("text", batch.stream().map(CanonicalOrder::externalId).toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.put(rs.getString(2), rs.getLong(1));
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(line)) {
                    for (CanonicalOrder o : batch) {
                        int n = 0;
                        for (CanonicalOrder.Line l : o.lines()) {
                            int i = 1;
                            ps.setLong(i++, ids.get(o.externalId()));
                            ps.setInt(i++, n++);
                            ps.setString(i++, l.externalId());
                            ps.setString(i++, l.productExternalId());
                            ps.setString(i++, l.variantExternalId());
                            ps.setString(i++, l.sku());
                            ps.setString(i++, l.title());
                            ps.setString(i++, l.variantTitle());
                            ps.setInt(i++, l.quantity());
                            ps.setObject(i++, l.currentQuantity());
                            ps.setLong(i++, l.unitPriceMinor());
                            ps.setLong(i++, l.discountMinor());
                            ps.setString(i, l.currency());
                            ps.addBatch();
                        }
                    }
                    ps.executeBatch();
                }
                c.commit();
            }
        }
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
