package io.mekong.sync;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
class SyncConfig {

    /** Runs execute here; a run's streams run one after another, so this bounds concurrent API use per instance. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService syncExecutor(@Value("${mekong.sync.threads:4}") int threads) {
        return Executors.newFixedThreadPool(threads, new CustomizableThreadFactory("sync-"));
    }
}
