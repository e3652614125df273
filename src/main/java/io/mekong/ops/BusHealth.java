package io.mekong.ops;

import io.mekong.bus.BusTopics;
import io.mekong.bus.EmbeddedBroker;
import io.mekong.bus.OutboxRelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/**
 * The bus as health, Hawtio and Prometheus see it: whether Kafka answers (and, for the embedded broker, whether it
 * reported a fault), and the relay's backlog: outbox rows not yet published and the age of the oldest. The health is
 * DOWN while Kafka does not answer; a backlog alone is a detail, since changes keep being stored and wait safely.
 */
// named so that health shows it as "bus"
@Component("busHealthIndicator")
@ManagedResource(objectName = "mekong:type=Bus", description = "The Kafka bus and the outbox relay")
public class BusHealth implements HealthIndicator, AutoCloseable {

    private final BusTopics topics;
    private final OutboxRelay relay;
    private final Admin admin;
    private final EmbeddedBroker embedded;

    /** @param embedded the embedded broker; absent when the hub uses an external cluster */
    public BusHealth(BusTopics topics, OutboxRelay relay, MeterRegistry registry, ObjectProvider<EmbeddedBroker> embedded) {
        this.topics = topics;
        this.embedded = embedded.getIfAvailable();
        this.relay = relay;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000));
        Gauge.builder("mekong.bus.outbox.rows", relay, r -> r.backlog().rows())
                .description("Outbox rows waiting for the relay").register(registry);
        Gauge.builder("mekong.bus.outbox.oldest.seconds", relay, r -> r.backlog().oldest().toMillis() / 1000.0)
                .description("Age of the oldest outbox row waiting for the relay").register(registry);
    }

    @Override
    public Health health() {
        OutboxRelay.Backlog backlog = relay.backlog();
        Health.Builder health = Health.up();
        String fault = brokerFault();
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes()
                    .get(4, TimeUnit.SECONDS).size();
            health.withDetail("brokers", nodes);
        } catch (Exception e) {
            health = Health.down().withDetail("error", "Kafka at " + topics.bootstrapServers() + " does not answer: "
                    + e.getClass().getSimpleName());
        }
        if (fault != null) {
            health = Health.down().withDetail("error", fault);
        }
        return health.withDetail("bootstrap", topics.bootstrapServers())
                .withDetail("outboxRows", backlog.rows())
                .withDetail("oldestWaitingSeconds", backlog.oldest().toSeconds())
                .build();
    }

    @ManagedAttribute(description = "Kafka bootstrap servers the hub uses")
    public String getBootstrapServers() {
        return topics.bootstrapServers();
    }

    @ManagedAttribute(description = "Outbox rows waiting for the relay")
    public long getOutboxRows() {
        return relay.backlog().rows();
    }

    @ManagedAttribute(description = "Age in seconds of the oldest outbox row waiting for the relay")
    public long getOldestWaitingSeconds() {
        return relay.backlog().oldest().toSeconds();
    }

    @ManagedAttribute(description = "A fault the embedded broker reported (it would have stopped the process); empty if none")
    public String getBrokerFault() {
        String fault = brokerFault();
        return fault == null ? "" : fault;
    }

    private String brokerFault() {
        return embedded == null ? null : embedded.fault();
    }

    @Override
    public void close() {
        admin.close();
    }
}
