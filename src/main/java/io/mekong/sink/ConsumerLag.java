package io.mekong.sink;

import io.mekong.bus.BusTopics;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * How far a consumer group is behind: the events of its topics it has not committed yet, summed over their partitions
 * (a partition it never committed counts from its earliest retained event, where a new destination starts). 0 means
 * caught up.
 */
@Component
public class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    public ConsumerLag(BusTopics topics) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000));
    }

    /** The lag, or null when Kafka does not answer within a few seconds. */
    public Long of(String group, Collection<String> topicNames) {
        if (topicNames.isEmpty()) {
            return 0L;
        }
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topicNames).allTopicNames().get(5, TimeUnit.SECONDS);
            List<TopicPartition> partitions = described.values().stream().flatMap(d -> d.partitions().stream()
                    .map(p -> new TopicPartition(d.name(), p.partition()))).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            partitions.forEach(p -> {
                latest.put(p, OffsetSpec.latest());
                earliest.put(p, OffsetSpec.earliest());
            });
            var ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            var starts = admin.listOffsets(earliest).all().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata at = committed.get(partition);
                long from = at != null ? at.offset() : starts.get(partition).offset();
                lag += Math.max(0, ends.get(partition).offset() - from);
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
