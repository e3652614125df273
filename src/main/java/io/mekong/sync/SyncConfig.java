package io.mekong.sync;

import io.mekong.config.MekongProperties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
class SyncConfig {

    /** Runs execute here; a run's streams run one after another, so this bounds concurrent API use per instance. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService syncExecutor(MekongProperties properties) {
        return Executors.newFixedThreadPool(properties.sync().threads(), new CustomizableThreadFactory("sync-"));
    }
}
