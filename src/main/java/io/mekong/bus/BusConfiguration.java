package io.mekong.bus;

import io.mekong.config.MekongProperties;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka the hub talks to: the embedded broker (the default) or the cluster MEKONG_KAFKA_BOOTSTRAP names. Every
 * {@code kafka:} endpoint of routes/ reaches it without naming it: the component is pointed at it before any route
 * starts, and the topics of {@link Topic} exist by then.
 */
@Configuration(proxyBeanMethods = false)
public class BusConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${mekong.bus.bootstrap:}'.isBlank()")
    EmbeddedBroker embeddedBroker(MekongProperties properties) throws Exception {
        return new EmbeddedBroker(properties.dataPath().resolve("kafka"), properties.bus().partitions()).start();
    }

    @Bean
    BusTopics busTopics(MekongProperties properties, ObjectProvider<EmbeddedBroker> embedded) {
        MekongProperties.Bus bus = properties.bus();
        String bootstrap = bus.embedded() ? embedded.getObject().bootstrapServers() : bus.bootstrap();
        return new BusTopics(bootstrap, bus).create();
    }

    @Bean
    ComponentCustomizer kafkaBootstrap(BusTopics topics) {
        return ComponentCustomizer.forType(KafkaComponent.class,
                kafka -> kafka.getConfiguration().setBrokers(topics.bootstrapServers()));
    }
}
