package io.mekong.sandbox.mailchimp;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SandboxSecrets;
import io.mekong.sandbox.targets.ConnectionLimit;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Mailchimp simulator of the default run at {@code /sandbox/mailchimp/3.0}: one list and one store, and an API
 * key random at each start ({@code <32 hex>-<dc>}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class MailchimpSandboxConfiguration {

    @Bean
    MailchimpSimulator mailchimpSimulator(MailchimpSandboxProperties properties) {
        String key = SandboxSecrets.random("").substring(0, 32) + "-" + properties.dc();
        return new MailchimpSimulator(new MailchimpAccount(key, properties.dc(), properties.listId(), properties.storeId(),
                properties.storeCurrency()), new ConnectionLimit(properties.connections()), Clock.systemUTC());
    }
}
