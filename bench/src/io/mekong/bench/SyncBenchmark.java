package io.mekong.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.MekongApplication;
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
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
    private static final int BATCH = 250;

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Path data = Files.createTempDirectory("mekong-bench-");
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("mekong.data-dir", data.toString());
        props.put("mekong.admin-password", "bench-admin");
        props.put("mekong.master-key", "bench-passphrase");
        props.put("mekong.demo.enabled", "false");
        props.put("logging.level.root", "WARN");
        // The simulated Shopify runs on its own HTTP server, as the real one is not inside the hub; its cost
        // bucket never runs dry, since this measures the hub, not Shopify's rate limits.
        props.put("mekong.sandbox.enabled", "false");
        long seedStart = System.nanoTime();
        ShopifyShop shop = new ShopifyShop(new ShopSettings(SHOP, "Bench", "VND", ZoneId.of("Asia/Ho_Chi_Minh"), TOKEN,
                ThrottlePlan.UNMETERED), Clock.systemUTC());
        ShopifySeed.populate(shop, 20251001L, new SeedSize(Math.max(50, orders / 10), orders, 200));

        try (SandboxHttpServer shopify = SandboxHttpServer.start(new ShopifySimulator(new ShopifyGraphQL(1000, 200), List.of(shop)));
             ConfigurableApplicationContext app = new SpringApplicationBuilder(MekongApplication.class)
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))) {
            System.out.printf("started hub and seeded %,d orders in %.1f s%n", orders, seconds(System.nanoTime() - seedStart));
            ConnectionService connections = app.getBean(ConnectionService.class);
            connections.create(new ConnectionDraft("bench", "default", "shopify", "bench",
                    Map.of("shop", SHOP, "baseUrl", shopify.baseUrl() + "/" + SHOP, "currency", "VND"),
                    Map.of("accessToken", TOKEN)));
            SyncJob job = app.getBean(SyncJobRepository.class).create("default", "bench", List.of("orders"), null, true);

            // 1. end to end
            long runId = app.getBean(SyncRunService.class).start(job, "manual").orElseThrow();
            SyncRunRepository runs = app.getBean(SyncRunRepository.class);
            SyncRun run = runs.find(runId).orElseThrow();
            while (run.active()) {
                Thread.sleep(200);
                run = runs.find(runId).orElseThrow();
            }
            SyncRun.StreamRun stream = run.streams().get(0);
            double endToEnd = Duration.between(run.startedAt(), run.finishedAt()).toNanos() / 1e9;
            if (!run.status().equals("succeeded") || stream.inserted() != orders) {
                throw new IllegalStateException("sync did not store every order: " + run);
            }

            // the same records, for the partial measurements and the ceiling (not timed)
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
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
            long t = System.nanoTime();
            int readCount = 0;
            String token = null;
            do {
                Page page = engine.fetch(context, "orders", null, token);
                readCount += page.records().size();
                token = page.nextPageToken();
            } while (token != null);
            double readOnly = seconds(System.nanoTime() - t);
            if (readCount != orders) {
                throw new IllegalStateException("read " + readCount + " orders, expected " + orders);
            }

            // 3. mapping alone
            t = System.nanoTime();
            List<MappedPage> mappedPages = new ArrayList<>();
            for (int i = 0; i < payloads.size(); i += BATCH) {
                mappedPages.add(mapping.map("shopify", "order", payloads.subList(i, Math.min(payloads.size(), i + BATCH)),
                        context.params()));
            }
            double mappingOnly = seconds(System.nanoTime() - t);
            List<CanonicalOrder> canonical = mappedPages.stream().flatMap(p -> p.results().stream())
                    .map(r -> (CanonicalOrder) ((MappingResult.Mapped) r).record()).toList();

            // 4. store path alone (classification, raw landing, canonical upsert, lines), from empty tables again
            emptyStore(jdbc);
            PageCommitter committer = app.getBean(PageCommitter.class);
            t = System.nanoTime();
            for (MappedPage page : mappedPages) {
                committer.commit(new PageCommit(null, context, null, page, null));
            }
            double storeOnlySeconds = seconds(System.nanoTime() - t);

            // 5. ceiling: plain JDBC batch upserts of the same canonical orders and lines, from empty tables too
            emptyStore(jdbc);
            t = System.nanoTime();
            jdbcBatchUpsert(app.getBean(DataSource.class), canonical);
            double ceiling = seconds(System.nanoTime() - t);

            report(orders, stream, endToEnd, readOnly, mappingOnly, storeOnlySeconds, ceiling);
        }
    }

    /** Every measurement starts from the same state the end-to-end run had: empty record tables. */
    private static void emptyStore(JdbcTemplate jdbc) {
        jdbc.execute("truncate sales_order, order_line, source_record");
        jdbc.execute("vacuum analyze sales_order, order_line, source_record");
    }

    private static void report(int orders, SyncRun.StreamRun stream, double endToEnd, double read, double mapping,
                               double store, double ceiling) {
        double e2eRate = orders / endToEnd;
        double ceilingRate = orders / ceiling;
        System.out.println();
        System.out.printf("machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                cpuModel(), System.getProperty("java.version"));
        System.out.printf("| measurement | orders | seconds | orders/s |%n|---|---:|---:|---:|%n");
        System.out.printf("| end to end (simulator over HTTP, GraphQL, connector, mapping, store; %d stored batches) | %d | %.1f | %.0f |%n",
                stream.batches(), orders, endToEnd, e2eRate);
        System.out.printf("| reading alone (connector over HTTP from the simulator, %d requests) | %d | %.1f | %.0f |%n",
                (orders + 2) / 3, orders, read, orders / read);
        System.out.printf("| mapping alone (JSONata, validation) | %d | %.1f | %.0f |%n", orders, mapping, orders / mapping);
        System.out.printf("| store path alone (PageCommitter, batches of %d) | %d | %.1f | %.0f |%n", BATCH, orders, store, orders / store);
        System.out.printf("| ceiling: plain JDBC batch upsert of the same rows | %d | %.1f | %.0f |%n", orders, ceiling, ceilingRate);
        System.out.printf("%nend to end / ceiling = %.2f (target >= 0.50)%n", e2eRate / ceilingRate);
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

    private static String cpuModel() {
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
