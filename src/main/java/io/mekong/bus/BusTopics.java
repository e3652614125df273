package io.mekong.bus;

import io.mekong.config.MekongProperties;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The bus's topics on one Kafka: created at start when missing, with the configured partitions and replicas. */
public final class BusTopics {

    private final String bootstrapServers;
    private final MekongProperties.Bus settings;

    BusTopics(String bootstrapServers, MekongProperties.Bus settings) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The Kafka name of a topic: {@code mekong.orders}. */
    public String name(Topic topic) {
        return settings.topicPrefix() + topic.id();
    }

    BusTopics create() {
        List<NewTopic> topics = Arrays.stream(Topic.values())
                .map(topic -> new NewTopic(name(topic), settings.partitions(), settings.replicas())).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create Kafka topic " + result.getKey() + " on "
                                + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the Kafka topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 60 s"
                    + " (mekong.bus.bootstrap / MEKONG_KAFKA_BOOTSTRAP)", e);
        }
        return this;
    }
}
