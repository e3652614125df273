package io.mekong.ops;

import io.mekong.config.MekongProperties;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretCipherConfig {

    @Bean
    MasterKey masterKey(MekongProperties properties) {
        return MasterKey.resolve(properties.masterKey(), properties.dataPath());
    }

    @Bean
    SecretCipher secretCipher(MasterKey masterKey) {
        return new SecretCipher(masterKey);
    }
}
