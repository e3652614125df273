package io.mekong.sink;

import io.mekong.connector.egress.EgressGuard;
import io.mekong.connector.egress.GuardedDnsResolver;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camel's {@code http:} component, which the webhook destinations (and any route an integrator writes) use, reaches
 * only where the egress guard allows, as every connection of the hub does: a destination's URL never reaches
 * loopback, link-local or private addresses unless MEKONG_EGRESS_ALLOW lets it. Redirects are not followed.
 */
@Configuration(proxyBeanMethods = false)
public class SinkConfiguration {

    @Bean
    ComponentCustomizer guardedHttp(EgressGuard guard) {
        return ComponentCustomizer.forType(HttpComponent.class, http -> {
            http.setClientConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(new GuardedDnsResolver(guard))
                    .setMaxConnTotal(64)
                    .setMaxConnPerRoute(8)
                    .build());
            http.setConnectTimeout(10_000);
            http.setResponseTimeout(30_000);
            http.setFollowRedirects(false);
            http.setRedirectHandlingDisabled(true);
        });
    }
}
