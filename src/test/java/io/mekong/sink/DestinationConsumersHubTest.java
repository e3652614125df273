package io.mekong.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mekong.bus.BusTopics;
import io.mekong.bus.Events;
import io.mekong.bus.Topic;
import io.mekong.config.MekongProperties;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.testing.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A destination's route runs several consumers of its group (mekong.destinations.consumers), each delivering the
 * partitions it owns: the events of one subject still reach the endpoint in their order, and none twice. The events
 * are published straight onto the checkouts topic, in a workspace of this test's own, so that no other destination
 * (nor the reporting schema, which does not read checkouts) takes them.
 */
class DestinationConsumersHubTest extends HubIntegrationTest {

    private static final String WORKSPACE = "ws-consumers";
    private static final String RECEIVER = "n8n";
    private static final int SUBJECTS = 120;
    private static final int CHANGES = 8;

    @Autowired
    HookReceivers hooks;
    @Autowired
    HubSpotSimulator hubspot;
    @Autowired
    BusTopics topics;
    @Autowired
    MekongProperties properties;

    @Test
    void severalConsumersShareTheDestinationsPartitionsAndEachSubjectArrivesInOrderAndOnce() throws Exception {
        int consumers = properties.destinations().consumers();
        assertThat(consumers).as("the default runs several consumers per destination").isGreaterThan(1);
        jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", WORKSPACE, WORKSPACE);
        call("POST", "/api/connections", Map.of("id", "consumers-hook", "workspace", WORKSPACE, "connector", "webhook",
                "params", Map.of("url", "http://localhost:" + port + "/sandbox/hooks/" + RECEIVER),
                "secrets", Map.of("signingSecret", hooks.receiver(RECEIVER).secret())), 201);
        call("POST", "/api/destinations", Map.of("id", "consumers-hook", "workspace", WORKSPACE,
                "connection", "consumers-hook", "deliver", List.of("events")), 201);
        long id = jdbc.queryForObject("select id from destination where workspace_id = ? and api_id = ?", Long.class,
                WORKSPACE, "consumers-hook");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers()))) {
            String group = "mekong.destination." + id;
            await("the destination's consumers in its group, partitions assigned", () -> {
                ConsumerGroupDescription described = group(admin, group);
                return described.state() == ConsumerGroupState.STABLE && described.members().size() == consumers;
            }, Duration.ofMinutes(1));
            Set<TopicPartition> owned = members(admin, group).stream()
                    .flatMap(m -> m.assignment().topicPartitions().stream())
                    .filter(p -> p.topic().equals(topics.name(Topic.CHECKOUTS))).collect(Collectors.toSet());
            assertThat(owned).as("every partition of the topic has an owner").hasSize(properties.bus().partitions());
            assertThat(members(admin, group)).as("each consumer owns partitions of its own")
                    .allSatisfy(m -> assertThat(m.assignment().topicPartitions()).isNotEmpty());
        }

        String run = UUID.randomUUID().toString().substring(0, 8);
        publish(run);

        await("every change at the endpoint", () -> changesAt(run).values().stream().mapToInt(List::size).sum()
                >= SUBJECTS * CHANGES, Duration.ofMinutes(2));
        Map<String, List<Long>> changes = changesAt(run);
        assertThat(changes).hasSize(SUBJECTS);
        List<Long> inOrder = LongStream.rangeClosed(1, CHANGES).boxed().toList();
        assertThat(changes).as("each subject's changes once each, in the order published")
                .allSatisfy((subject, sequences) -> assertThat(sequences).as(subject).isEqualTo(inOrder));
        assertThat(hooks.duplicates(RECEIVER)).as("nothing posted twice").isZero();
        await("lag 0", () -> call("GET", "/api/destinations/consumers-hook?workspace=" + WORKSPACE, null, 200)
                .get("lag").asLong(-1) == 0, Duration.ofMinutes(1));
        assertThat(call("GET", "/api/destinations/consumers-hook?workspace=" + WORKSPACE, null, 200)
                .get("delivered").asLong()).isEqualTo(SUBJECTS * CHANGES);
    }

    /** Each subject's changes in sequence order, the subjects interleaved, keyed as the relay keys them. */
    private void publish(String run) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (long sequence = 1; sequence <= CHANGES; sequence++) {
                for (int s = 0; s < SUBJECTS; s++) {
                    String subject = "consumers-" + run + "/checkout-" + s;
                    String event = Events.envelope(UUID.randomUUID(), Topic.CHECKOUTS, "changed", WORKSPACE, subject,
                            sequence, Instant.now(), JsonNodeFactory.instance.objectNode().put("checkoutId", s));
                    producer.send(new ProducerRecord<>(topics.name(Topic.CHECKOUTS), WORKSPACE + "/" + subject, event));
                }
            }
            producer.flush();
        }
    }

    /** The sequences of this run's subjects as the receiver accepted them, by subject. */
    private Map<String, List<Long>> changesAt(String run) {
        Map<String, List<Long>> bySubject = new LinkedHashMap<>();
        for (HookReceivers.Delivery delivery : hooks.deliveries(RECEIVER)) {
            JsonNode body = delivery.body();
            String subject = body.path("subject").asText();
            if (subject.startsWith("consumers-" + run + "/")) {
                bySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(body.path("sequence").asLong());
            }
        }
        return bySubject;
    }

    @Test
    void aConnectorTargetsDestinationRunsOneConsumerWhateverTheSetting() throws Exception {
        assertThat(properties.destinations().consumers()).isGreaterThan(1);
        jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", WORKSPACE, WORKSPACE);
        call("POST", "/api/connections", Map.of("id", "consumers-crm", "workspace", WORKSPACE, "connector", "hubspot",
                "params", Map.of("baseUrl", "http://localhost:" + port + "/sandbox/hubspot"),
                "secrets", Map.of("accessToken", hubspot.account().token())), 201);
        call("POST", "/api/destinations", Map.of("id", "consumers-crm", "workspace", WORKSPACE,
                "connection", "consumers-crm", "deliver", List.of("profiles")), 201);
        long id = jdbc.queryForObject("select id from destination where workspace_id = ? and api_id = ?", Long.class,
                WORKSPACE, "consumers-crm");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers()))) {
            String group = "mekong.destination." + id;
            await("the destination's consumer in its group", () -> group(admin, group).state() == ConsumerGroupState.STABLE,
                    Duration.ofMinutes(1));
            // its writer decides across subjects (a shared phone's holder, a merged profile's contact): one at a time
            assertThat(members(admin, group)).hasSize(1)
                    .allSatisfy(m -> assertThat(m.assignment().topicPartitions()).hasSize(properties.bus().partitions()));
        }
    }

    private static List<MemberDescription> members(Admin admin, String group) {
        return List.copyOf(group(admin, group).members());
    }

    private static ConsumerGroupDescription group(Admin admin, String group) {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not describe group " + group, e);
        }
    }

    private static void await(String what, BooleanSupplier done, Duration atMost) {
        Instant deadline = Instant.now().plus(atMost);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waited for: " + what).isBefore(deadline);
            sleep(200);
        }
    }
}
