package io.mekong.bus;

import io.mekong.config.MekongProperties;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
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

    /**
     * How a consumer of the bus tries a failed step again (routes/ name it as {@code redeliveryPolicyRef}): for ever, in
     * place, 1 s growing to 5 min, so a poll is never skipped. On shutdown it gives up (the poll, uncommitted, is read
     * again at the next start) rather than holding the stop for ever, the database being already gone, say.
     */
    @Bean
    RedeliveryPolicy busConsumerRetry() {
        return new RedeliveryPolicy().maximumRedeliveries(-1).redeliveryDelay(1000).useExponentialBackOff()
                .backOffMultiplier(2).maximumRedeliveryDelay(300_000).retryAttemptedLogLevel(LoggingLevel.WARN)
                .allowRedeliveryWhileStopping(false);
    }
}
