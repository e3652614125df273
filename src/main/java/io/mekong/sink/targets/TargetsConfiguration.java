package io.mekong.sink.targets;

import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectorEngine;
import io.mekong.mapping.OutboundMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The target writers the destination runtime picks from by connector ({@link io.mekong.sink.Target#writes}), each
 * opening a destination's connection as syncs do: its params and decrypted secrets, never logged.
 */
@Configuration(proxyBeanMethods = false)
public class TargetsConfiguration {

    @Bean
    IdMap idMap(JdbcTemplate jdbc) {
        return new IdMap(jdbc);
    }

    @Bean
    KlaviyoTarget klaviyoTarget(ConnectorEngine engine, OutboundMapper mapper, IdMap ids, ConnectionService connections) {
        return new KlaviyoTarget(engine, mapper, ids, connections::context);
    }

    @Bean
    MailchimpTarget mailchimpTarget(ConnectorEngine engine, OutboundMapper mapper, IdMap ids, ConnectionService connections) {
        return new MailchimpTarget(engine, mapper, ids, connections::context);
    }

    @Bean
    HubSpotTarget hubSpotTarget(ConnectorEngine engine, OutboundMapper mapper, IdMap ids, ConnectionService connections) {
        return new HubSpotTarget(engine, mapper, ids, connections::context);
    }
}
