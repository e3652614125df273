package io.mekong.ops;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretCipherConfig {

    @Bean
    MasterKey masterKey(@Value("${mekong.master-key:}") String configured, @Value("${mekong.data-dir}") Path dataDir) {
        return MasterKey.resolve(configured, dataDir);
    }

    @Bean
    SecretCipher secretCipher(MasterKey masterKey) {
        return new SecretCipher(masterKey);
    }
}
