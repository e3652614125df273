package io.mekong;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mekong.bus.BusTopics;
import io.mekong.config.MekongProperties;
import io.mekong.connection.ConnectionDraft;
import io.mekong.connection.ConnectionService;
import io.mekong.sink.Destination;
import io.mekong.sink.Destinations;
import io.mekong.sync.SyncJob;
import io.mekong.sync.SyncJobRepository;
import io.mekong.sync.SyncScheduler;
import io.mekong.testing.HubProcess;
import io.mekong.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two hub instances on one PostgreSQL and one Kafka broker (the production shape, all on loopback): Quartz's clustered
 * job store fires each scheduled sync exactly once across them, and the instances split each destination's partitions
 * so that every event reaches the target once.
 */
class ScaleOutTest {

    private static final String SHOP = "scale-out.myshopify.com";
    private static final String TOKEN = "shpat_scale_out_0000";

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final List<String> fires = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Set<String> ordersReceived = ConcurrentHashMap.newKeySet();
    private HttpServer endpoint;

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    @Test
    void twoInstancesFireEachScheduleOnceAndSplitADestinationSoThatEachEventArrivesOnce() throws Exception {
        startEndpoint();
        String url = TestDatabase.newDatabaseUrl("scale_out");
        ConfigurableApplicationContext a = start(url, "a", List.of("--mekong.sandbox.enabled=true",
                "--mekong.demo.enabled=false",
                "--mekong.sandbox.shopify.shops[0].domain=" + SHOP,
                "--mekong.sandbox.shopify.shops[0].currency=VND",
                "--mekong.sandbox.shopify.shops[0].timezone=Asia/Ho_Chi_Minh",
                "--mekong.sandbox.shopify.shops[0].access-token=" + TOKEN,
                "--mekong.sandbox.shopify.shops[0].plan=enterprise",
                "--mekong.sandbox.shopify.shops[0].customers=30",
                "--mekong.sandbox.shopify.shops[0].orders=200",
                "--mekong.sandbox.shopify.shops[0].products=5"));
        String bootstrap = a.getBean(BusTopics.class).bootstrapServers();
        // b uses a's broker, as instances use one cluster
        ConfigurableApplicationContext b = start(url, "b", List.of("--mekong.sandbox.enabled=false",
                "--mekong.bus.bootstrap=" + bootstrap));

        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        jdbc.update("insert into workspace (id, name) values ('scale', 'scale') on conflict do nothing");
        ConnectionService connections = a.getBean(ConnectionService.class);
        connections.create(new ConnectionDraft("scale-hook", "scale", "webhook", "endpoint",
                Map.of("url", "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/events"),
                Map.of("signingSecret", "scale-out-secret")));
        Destination destination = a.getBean(Destinations.class).create("scale", "scale-hook", "scale-hook",
                Set.of("orders"), true);
        String group = "mekong.destination." + destination.id();
        // each instance runs mekong.destinations.consumers consumers of the group: all of both, so both instances
        int consumers = 2 * a.getBean(MekongProperties.class).destinations().consumers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await("both instances in the destination's consumer group", () -> members(admin, group).size() == consumers
                    && members(admin, group).stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty()),
                    Duration.ofSeconds(90));

            int port = a.getEnvironment().getProperty("local.server.port", Integer.class);
            connections.create(new ConnectionDraft("scale-shop", "scale", "shopify", "shop",
                    Map.of("shop", SHOP, "baseUrl", "http://localhost:" + port + "/sandbox/shopify/" + SHOP,
                            "currency", "VND"), Map.of("accessToken", TOKEN)));
            SyncJob job = a.getBean(SyncJobRepository.class).create("scale", "scale-shop", List.of("orders"),
                    "@every 10s", java.time.ZoneOffset.UTC, true);
            a.getBean(SyncScheduler.class).schedule(job);

            await("three fires and every order at the endpoint", () -> distinctFireTimes() >= 3
                    && orders(jdbc) == 200 && ordersReceived.size() == 200, Duration.ofMinutes(3));
            assertThat(members(admin, group)).as("the partitions stay split").hasSize(consumers)
                    .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        }

        Map<String, Long> perFireTime = fires.stream()
                .collect(Collectors.groupingBy(f -> f.substring(f.indexOf('@') + 1), Collectors.counting()));
        assertThat(perFireTime.values()).as("fires: %s", fires).allMatch(count -> count == 1);
        assertThat(received.values()).as("each order event arrives once").allMatch(n -> n.get() == 1);
        assertThat(jdbc.queryForObject("select count(*) from outbox", Long.class)).isZero();
    }

    private static List<MemberDescription> members(Admin admin, String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            return List.copyOf(description.members());
        } catch (Exception e) {
            return List.of();
        }
    }

    private static int orders(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from sales_order where connection_id = 'scale-shop'", Integer.class);
    }

    /** The endpoint the destination posts to: counts each order event by id (a signature check is another test's). */
    private void startEndpoint() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/events", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("\"type\":\"io.mekong.order.changed\"")) {
                received.computeIfAbsent(exchange.getRequestHeaders().getFirst("Mekong-Event-Id"),
                        id -> new AtomicInteger()).incrementAndGet();
                ordersReceived.add(HubProcess.read(body).at("/data/externalId").asText());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
    }

    private long distinctFireTimes() {
        synchronized (fires) {
            return fires.stream().map(f -> f.substring(f.indexOf('@') + 1)).distinct().count();
        }
    }

    private static void await(String what, BooleanSupplier done, Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waited for: " + what).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    private ConfigurableApplicationContext start(String url, String name, List<String> arguments) throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "scale-" + name + "-");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--mekong.data-dir=" + dataDir,
                "--mekong.admin-password=scale-admin", "--mekong.master-key=scale-test-passphrase",
                "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false",
                // the endpoint and the other instance's simulated shop are on loopback
                "--mekong.egress.allow=127.0.0.1/32",
                // Quartz keeps its data sources in one registry per JVM, by scheduler name: a name shared by these two
                // instances alone keeps them from taking over the other test contexts' schedulers
                "--spring.quartz.properties.org.quartz.scheduler.instanceName=scale-out-test"));
        args.addAll(arguments);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MekongApplication.class)
                // the production configuration: MEKONG_DB_URL names the shared database
                .properties(Map.of("MEKONG_DB_URL", url, "MEKONG_DB_USER", "postgres"))
                .run(args.toArray(String[]::new));
        instances.add(context);
        context.getBean(Scheduler.class).getListenerManager().addJobListener(new JobListener() {
            @Override
            public String getName() {
                return "fire-recorder-" + name;
            }

            @Override
            public void jobToBeExecuted(JobExecutionContext fire) {
                fires.add(name + "@" + fire.getScheduledFireTime().toInstant());
            }

            @Override
            public void jobExecutionVetoed(JobExecutionContext fire) {
                // not used
            }

            @Override
            public void jobWasExecuted(JobExecutionContext fire, JobExecutionException failure) {
                // recorded before execution
            }
        });
        return context;
    }
}
