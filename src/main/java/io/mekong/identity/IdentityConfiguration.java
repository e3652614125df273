package io.mekong.identity;

import io.mekong.config.MekongProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    /** {@code identity.yaml} at MEKONG_HOME; an invalid file stops the start. Without one, no two identities join. */
    @Bean
    IdentityRules identityRules(MekongProperties properties) {
        Path file = properties.homePath().resolve("identity.yaml");
        if (!Files.isRegularFile(file)) {
            log.warn("No {}: identities are kept but never joined into one profile", file.toAbsolutePath());
            return new IdentityRules(null, null, null, null);
        }
        IdentityRules rules = IdentityRulesLoader.load(file);
        log.info("Identity rules {} from {}", rules.enabledRules().stream().map(IdentityRules.Rule::name).toList(),
                file.toAbsolutePath());
        return rules;
    }
}
