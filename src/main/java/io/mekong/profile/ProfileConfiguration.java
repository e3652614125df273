package io.mekong.profile;

import io.mekong.config.MekongProperties;
import io.mekong.identity.IdentityRules;
import io.mekong.identity.Keys;
import io.mekong.identity.consent.Consents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The golden record, totals and 360° reads, with identity.yaml's {@code golden:} rules read once at start. */
@Configuration(proxyBeanMethods = false)
class ProfileConfiguration {

    @Bean
    GoldenRules goldenRules(MekongProperties properties) {
        return GoldenRules.load(properties.homePath());
    }

    @Bean
    FxRates fxRates(JdbcTemplate jdbc) {
        return new FxRates(jdbc);
    }

    @Bean
    ProfileTotals profileTotals(JdbcTemplate jdbc, FxRates rates, GoldenRules rules) {
        return new ProfileTotals(jdbc, rates, rules);
    }

    @Bean
    ProfileRefresher profileRefresher(JdbcTemplate jdbc, GoldenRules rules, ProfileTotals totals) {
        return new ProfileRefresher(new GoldenRecord(jdbc, rules), totals);
    }

    @Bean
    ProfileSearch profileSearch(JdbcTemplate jdbc, IdentityRules identityRules) {
        return new ProfileSearch(jdbc, new Keys(identityRules));
    }

    @Bean
    ProfileReader profileReader(JdbcTemplate jdbc, GoldenRules rules, Consents consents) {
        return new ProfileReader(jdbc, rules, consents);
    }
}
