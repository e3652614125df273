package io.mekong.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.bus.BusTopics;
import io.mekong.bus.Events;
import io.mekong.bus.Topic;
import io.mekong.connection.ConnectionDraft;
import io.mekong.connection.ConnectionService;
import io.mekong.sandbox.SandboxHttpServer;
import io.mekong.sandbox.hooks.HookReceiver;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.sandbox.hubspot.HubSpotAccount;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.shopify.ShopifyGraphQL;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ShopifySimulator;
import io.mekong.sandbox.targets.TargetSandbox;
import io.mekong.sink.ConsumerLag;
import io.mekong.sink.Destination;
import io.mekong.sink.DestinationRoutes;
import io.mekong.sink.Destinations;
import io.mekong.sink.Subscriptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark P3: the bus. In one JVM: a Shopify shop of N orders synced with the relay stopped (untimed), then
 * <ol>
 *   <li><b>relay</b>: the relay started, timed until the outbox is empty (its events acknowledged by Kafka);</li>
 *   <li><b>delivery, steady</b>: those events delivered from Kafka to a webhook receiver (one signed POST each) and,
 *   alone after it, to the HubSpot simulator (contacts and deals in batches), each timed until its lag is 0;</li>
 *   <li><b>backlog drain</b>: a webhook receiver down (HTTP 500) while a backlog of profile events is published
 *   straight onto the profiles topic, then back: timed until lag 0, and every event counted at the receiver once.</li>
 * </ol>
 * CPU is split four ways (hub, embedded broker, PostgreSQL, simulators); the heap is sampled for its high-water mark.
 * Usage: bench/run-p3.sh [orders] [backlog]   (default 5000 100000)
 */
public final class BusBenchmark {

    private static final String SHOP = "bench-bus.myshopify.com";
    private static final String HOOK_SECRET = "whsec_bench_bus_0000000000";
    private static final String HUBSPOT_TOKEN = "pat-bench-bus-0000";
    private static final String WORKSPACE = "default";
    private static final Duration AT_MOST = Duration.ofMinutes(30);

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int backlog = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path data = BenchHub.dataDir("p3");
        ShopifyShop shop = SyncBenchmark.shop(SHOP, orders);
        HookReceivers hooks = new HookReceivers(List.of(new HookReceiver("warm-up", HOOK_SECRET),
                new HookReceiver("steady", HOOK_SECRET),
                new HookReceiver("drain", HOOK_SECRET)), 1, Clock.systemUTC());
        // the simulator's own quota off: this measures the hub, not HubSpot's 100 requests per 10 s
        HubSpotSimulator hubspot = new HubSpotSimulator(new HubSpotAccount(HUBSPOT_TOKEN, 1L, 10_000_000),
                Clock.systemUTC());
        // the deal property the writer keeps the order key in is left to the hub, which creates it with unique values
        // (docs/targets.md); one made here without them is refused
        HeapPeak heap = new HeapPeak();

        try (SandboxHttpServer shopify = SandboxHttpServer.start(new ShopifySimulator(new ShopifyGraphQL(1000, 200), List.of(shop)));
             SandboxHttpServer hooksHttp = SandboxHttpServer.start(new TargetSandbox(hooks));
             SandboxHttpServer hubspotHttp = SandboxHttpServer.start(new TargetSandbox(hubspot));
             ConfigurableApplicationContext app = BenchHub.start(data, Map.of(
                     "mekong.home", benchHome().toString(),
                     "mekong.egress.allow", "127.0.0.1"))) {
            ConnectionService connections = app.getBean(ConnectionService.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            CamelContext camel = app.getBean(CamelContext.class);
            BusTopics topics = app.getBean(BusTopics.class);
            ConsumerLag lag = app.getBean(ConsumerLag.class);
            Destinations destinations = app.getBean(Destinations.class);
            DestinationRoutes routes = app.getBean(DestinationRoutes.class);
            CpuMeter cpu = new CpuMeter(data, CpuMeter.SIMULATOR, CpuMeter.BROKER);
            List<Row> rows = new ArrayList<>();
            List<String> checks = new ArrayList<>();

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers()))) {
                // 0. the changes: a shop synced while the relay stands still (P1 measures this part)
                camel.getRouteController().stopRoute("outbox-relay");
                // the reporting schema's consumer (routes/reporting.yaml) reads the same topics and writes PostgreSQL,
                // for minutes on this shop: left running, its work lands in whichever rows it overlaps
                camel.getRouteController().stopRoute("reporting");
                long syncStart = System.nanoTime();
                SyncBenchmark.syncOrders(app, connections, shopify, SHOP, "bench", orders);
                long outboxRows = jdbc.queryForObject("select count(*) from outbox", Long.class);
                System.out.printf("synced %,d orders in %.1f s: %,d outbox rows%n", orders,
                        seconds(System.nanoTime() - syncStart), outboxRows);

                // the sync leaves PostgreSQL work (autovacuum, analyze of the tables it filled): done now, untimed
                jdbc.execute("vacuum analyze");

                // what the hub costs with nothing to do (timers, pollers, the broker's own work), to read the rows by
                Measured idle = measure(cpu, heap, () -> Thread.sleep(10_000));
                CpuMeter.Sample i = idle.cpu();
                checks.add(String.format("idle (10 s, relay stopped, no destination): CPU ms per second: hub %.0f,"
                                + " broker %.0f, PostgreSQL %.0f, simulator %.0f", i.hub() * 100, i.broker() * 100,
                        i.postgres() * 100, i.simulator() * 100));

                // 1. relay
                Measured relay = measure(cpu, heap, () -> {
                    camel.getRouteController().startRoute("outbox-relay");
                    await("the outbox empty", () -> jdbc.queryForObject("select count(*) from outbox", Long.class) == 0);
                });
                long relayed = events(admin, topics, Set.of(Topic.values()));
                rows.add(new Row("**relay**: " + String.format("%,d", outboxRows) + " outbox rows → events in Kafka"
                        + " (batches of 2,000, snapshots read per batch)", relayed, relay));

                // 2a. webhook, steady: one signed POST per event; a hub runs for days, so first a warm-up destination
                // takes the same events untimed (the JIT compiles the delivery path)
                Set<String> deliver = Set.of("profiles", "orders");
                long deliverable = events(admin, topics, Subscriptions.topics(deliver));
                hookConnection(connections, "warm-up-hook", hooksHttp.baseUrl() + "/warm-up");
                Destination warmUp = destination(destinations, routes, "warm-up-hook", deliver);
                await("the warm-up destination done", () -> hooks.received("warm-up") >= deliverable
                        && lagOf(lag, topics, warmUp) == 0);
                stop(destinations, routes, warmUp);
                hookConnection(connections, "steady-hook", hooksHttp.baseUrl() + "/steady");
                Destination steady = destination(destinations, routes, "steady-hook", deliver);
                Window steadyHook = steady(cpu, heap, () -> hooks.received("steady"), deliverable,
                        () -> lagOf(lag, topics, steady) == 0);
                stop(destinations, routes, steady);
                rows.add(new Row("**delivery, steady — webhook** (Camel http, one signed POST per event)",
                        steadyHook.events(), steadyHook.measured()));
                checks.add(check("webhook steady: received", hooks.received("steady"), deliverable,
                        hooks.duplicates("steady")));

                // 2b. HubSpot, steady: contacts upserted and deals created in batches of 100
                connections.create(new ConnectionDraft("bench-hubspot", WORKSPACE, "hubspot", "bench-hubspot",
                        Map.of("baseUrl", hubspotHttp.baseUrl()), Map.of("accessToken", HUBSPOT_TOKEN)));
                Destination hubDestination = destination(destinations, routes, "bench-hubspot", deliver);
                // the destination's counts (one cheap query) before its lag (three calls to the broker)
                Window steadyHubspot = steady(cpu, heap, () -> taken(destinations, hubDestination), deliverable,
                        () -> lagOf(lag, topics, hubDestination) == 0);
                stop(destinations, routes, hubDestination);
                Destinations.Stored hubspotDone = destinations.find(hubDestination.id()).orElseThrow();
                rows.add(new Row("**delivery, steady — HubSpot** (connector target: contacts and deals, batches of 100)",
                        steadyHubspot.events(), steadyHubspot.measured()));
                checks.add(String.format("HubSpot steady: %,d events, %,d delivered, %,d refused (dead letters);"
                                + " the simulator holds %,d contacts and %,d deals", deliverable, hubspotDone.delivered(),
                        hubspotDone.failed(), hubspot.contactCount(), hubspot.dealCount()));
                jdbc.query("select reason, count(*) from dead_letter where destination_id = ? group by reason"
                        + " order by 2 desc limit 3", rs -> {
                    checks.add(String.format("HubSpot refused %,d: %s", rs.getLong(2), rs.getString(1)));
                }, hubDestination.id());

                // 3. backlog drain: the receiver down while the backlog piles up, then back
                hooks.outage("drain").start(500, Duration.ofHours(1));
                long downSince = System.nanoTime();
                hookConnection(connections, "drain-hook", hooksHttp.baseUrl() + "/drain");
                Set<String> profiles = Set.of("profiles");
                Destination drain = destination(destinations, routes, "drain-hook", profiles);
                Measured publishing = measure(cpu, heap, () -> publishBacklog(topics, backlog));
                long expected = events(admin, topics, Subscriptions.topics(profiles));
                await("the drain destination paused, its lag the whole backlog", () ->
                        destinations.find(drain.id()).orElseThrow().failingSince() != null
                                && lagOf(lag, topics, drain) == expected);
                System.out.printf("backlog of %,d profile events published in %.1f s (%,.0f/s, not part of the table);"
                        + " receiver down for %.0f s%n", backlog, publishing.seconds(), backlog / publishing.seconds(),
                        seconds(System.nanoTime() - downSince));
                long[] firstAt = new long[1];
                Measured drained = measure(cpu, heap, () -> {
                    long back = System.nanoTime();
                    hooks.outage("drain").end();
                    await("the first event after the outage", () -> hooks.received("drain") > 0);
                    firstAt[0] = System.nanoTime() - back;
                    await("the whole backlog at the receiver, lag 0", () -> hooks.received("drain") >= expected
                            && lagOf(lag, topics, drain) == 0);
                });
                rows.add(new Row(String.format("**backlog drain — webhook**: %,d events (the sync's profiles + %,d"
                                + " published), from the receiver's return to lag 0", expected, backlog), expected,
                        drained));
                double draining = drained.seconds() - seconds(firstAt[0]);
                checks.add(String.format("drain: first event %.1f s after the receiver came back (the retry's backoff),"
                                + " then %,.0f events/s over %.1f s", seconds(firstAt[0]), expected / draining, draining));
                checks.add(check("drain: received", hooks.received("drain"), expected, hooks.duplicates("drain")));
            }
            report(rows, checks);
            threads();
        }
    }

    /**
     * The settings home: a copy of this checkout's (connectors, mappings, routes, identity rules), but HubSpot's spec
     * without its client-side quota of 9 requests a second.
     */
    private static Path benchHome() throws Exception {
        Path source = Path.of("").toAbsolutePath();
        Path home = Files.createTempDirectory("mekong-bench-p3-home-");
        for (String part : List.of("connectors", "mappings", "routes", "segments", "identity.yaml")) {
            Path from = source.resolve(part);
            if (!Files.exists(from)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path to = home.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
        }
        Path spec = home.resolve("connectors/hubspot.yaml");
        String text = Files.readString(spec);
        String raised = text.replace("perSecond: 9\n  burst: 10", "perSecond: 100000\n  burst: 100000");
        if (raised.equals(text)) {
            throw new IllegalStateException("connectors/hubspot.yaml: its rateLimit is no longer 'perSecond: 9, burst: 10';"
                    + " update BusBenchmark.benchHome");
        }
        Files.writeString(spec, raised);
        return home;
    }

    private static void hookConnection(ConnectionService connections, String id, String url) {
        connections.create(new ConnectionDraft(id, WORKSPACE, "webhook", id, Map.of("url", url),
                Map.of("signingSecret", HOOK_SECRET)));
    }

    private static Destination destination(Destinations destinations, DestinationRoutes routes, String connection,
                                           Set<String> deliver) {
        Destination destination = destinations.create(WORKSPACE, connection, connection, new LinkedHashSet<>(deliver), true);
        routes.reconcile();
        return destination;
    }

    private static void stop(Destinations destinations, DestinationRoutes routes, Destination d) {
        destinations.update(d.id(), d.connectionId(), d.deliver(), false);
        routes.reconcile();
    }

    /** Events the destination delivered or refused so far. */
    private static long taken(Destinations destinations, Destination d) {
        Destinations.Stored stored = destinations.find(d.id()).orElseThrow();
        return stored.delivered() + stored.failed();
    }

    private static long lagOf(ConsumerLag lag, BusTopics topics, Destination d) {
        Long now = lag.of("mekong.destination." + d.id(), Subscriptions.topics(d.deliver()).stream().map(topics::name).toList());
        return now == null ? -1 : now;
    }

    /** Events on the topics: the sum of their partitions' end offsets (nothing is deleted during a run). */
    private static long events(Admin admin, BusTopics topics, Set<Topic> which) throws Exception {
        List<String> names = which.stream().map(topics::name).toList();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(names).allTopicNames().get().values().forEach(d -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /**
     * The backlog, published as the relay would (the hub's own envelope, keyed by workspace and subject, acks from the
     * broker) but straight onto the topic: profiles of synthetic people, each a profile event of its own.
     */
    private static void publishBacklog(BusTopics topics, int count) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.CLIENT_ID_CONFIG, "bench-backlog");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            Instant now = Instant.now();
            for (int i = 0; i < count; i++) {
                long profileId = 50_000_000L + i;
                ObjectNode data = json.createObjectNode().put("profileId", profileId)
                        .put("email", "backlog" + i + "@example.vn").put("phone", "+8490" + (1_000_000 + i))
                        .put("firstName", "Lan").put("lastName", "Nguyễn");
                String subject = Long.toString(profileId);
                String event = Events.envelope(UUID.randomUUID(), Topic.PROFILES, "changed", WORKSPACE, subject,
                        10_000_000L + i, now, data);
                producer.send(new ProducerRecord<>(topics.name(Topic.PROFILES), WORKSPACE + "/" + subject, event));
            }
            producer.flush();
        }
    }

    private static String check(String what, long received, long expected, long duplicates) {
        return String.format("%s %,d of %,d events, %,d twice: %s", what, received, expected, duplicates,
                received == expected && duplicates == 0 ? "every event exactly once" : "**NOT exactly once**");
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(AT_MOST);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("waited " + AT_MOST + " for " + what);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Steady delivery: timed from the first events at the target (the consumer's group join and first fetch are not
     * delivery) until all of them are there and the lag is 0; the events counted are those after the window opened.
     */
    private static Window steady(CpuMeter cpu, HeapPeak heap, java.util.function.LongSupplier arrived, long total,
                                 BooleanSupplier caughtUp) throws Exception {
        await("the first events at the target", () -> arrived.getAsLong() > 0);
        long before = arrived.getAsLong();
        Measured measured = measure(cpu, heap, () -> await("every event at the target, lag 0",
                () -> arrived.getAsLong() >= total && caughtUp.getAsBoolean()));
        return new Window(total - before, measured);
    }

    private record Window(long events, Measured measured) {
    }

    private record Measured(double seconds, CpuMeter.Sample cpu, long heapPeakBytes) {
    }

    private record Row(String what, long events, Measured measured) {
    }

    private interface Work {
        void run() throws Exception;
    }

    private static Measured measure(CpuMeter cpu, HeapPeak heap, Work work) throws Exception {
        heap.reset();
        CpuMeter.Sample before = cpu.now();
        long start = System.nanoTime();
        work.run();
        double seconds = seconds(System.nanoTime() - start);
        return new Measured(seconds, cpu.now().minus(before), heap.peak());
    }

    private static void report(List<Row> rows, List<String> checks) {
        System.out.println();
        System.out.printf("machine: %d cores, %s, Java %s, heap at most %,d MB%n%n",
                Runtime.getRuntime().availableProcessors(), SyncBenchmark.cpuModel(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| measurement | events | seconds | events/s | heap peak MB | CPU ms per event: hub | broker"
                + " | PostgreSQL | simulator | total |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            CpuMeter.Sample c = row.measured().cpu();
            double perEvent = 1000.0 / row.events();
            System.out.printf("| %s | %,d | %.1f | %,.0f | %,d | %.3f | %.3f | %.3f | %.3f | %.3f |%n", row.what(),
                    row.events(), row.measured().seconds(), row.events() / row.measured().seconds(),
                    row.measured().heapPeakBytes() >> 20, c.hub() * perEvent, c.broker() * perEvent,
                    c.postgres() * perEvent, c.simulator() * perEvent, c.total() * perEvent);
        }
        System.out.println();
        checks.forEach(check -> System.out.println("- " + check));
    }

    /** The busiest threads of the run and the share each was counted in, to check the split by name. */
    private static void threads() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        record Busy(String name, double seconds) {
        }
        List<Busy> busy = new ArrayList<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                busy.add(new Busy(info.getThreadName(), Math.max(0, mx.getThreadCpuTime(info.getThreadId())) / 1e9));
            }
        }
        busy.sort(Comparator.comparingDouble(Busy::seconds).reversed());
        System.out.println();
        System.out.println("busiest threads over the whole run (CPU s, share):");
        busy.stream().limit(25).forEach(b -> System.out.printf("  %7.1f  %-9s %s%n", b.seconds(),
                CpuMeter.SIMULATOR.test(b.name()) ? "simulator" : CpuMeter.BROKER.test(b.name()) ? "broker" : "hub",
                b.name()));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
